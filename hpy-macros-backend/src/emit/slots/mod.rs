//! Dunder methods: the implementation that adapts each slot's C signature
//! to the Rust method, by slot family, and the getters and setters. Which
//! slot a dunder fills is the model's (`model::SlotKind`).

mod accessor;
mod assignment;
mod binary;
mod common;
mod compare;
mod init;
mod inplace;
mod item;
mod lifecycle;
mod unary;

pub use accessor::accessor;
pub use common::slot_def;

use crate::emit::output::Output;
use crate::errors::Errors;
use crate::model::{MethodsBlock, SlotKind};

/// Every slot of a `#[hpy_methods]` block, family by family.
pub fn generate_slots(out: &mut Output, block: &MethodsBlock) -> syn::Result<()> {
    use SlotKind::*;
    let self_ty = &block.self_ty;
    let mut errors = Errors::default();
    errors.push(unary::unary(out, self_ty, &block.slots(|k| matches!(k, Unary { .. } | Bool | Len | Hash))));
    errors.push(inplace::inplace(out, self_ty, &block.slots(|k| matches!(k, InPlace { .. }))));
    errors.push(item::item(out, self_ty, &block.slots(|k| matches!(k, GetItem | Contains))));
    errors.push(lifecycle::lifecycle(
        out,
        self_ty,
        &block.slots(|k| matches!(k, Call | Init | Del | Buffer)),
    ));
    errors.push(binary::binary_groups(out, self_ty, &block.slots(|k| matches!(k, Binary { .. }))));
    errors.push(compare::compare(out, self_ty, &block.slots(|k| matches!(k, Compare(_)))));
    let assignment = block.slots(|k| matches!(k, SetItem | DelItem));
    errors.push(assignment::assignment(out, self_ty, &block.class_name, &assignment));
    errors.finish()
}
