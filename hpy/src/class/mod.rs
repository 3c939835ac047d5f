//! Python classes backed by Rust structs: what `#[hpy_type]` implements.
//!
//! An instance of a Rust class is a Python object whose HPy payload is a
//! [`ClassLayout`]: the layout of its base (nothing for a builtin base),
//! then its own [`ClassCell`]. HPy calls every type's `tp_destroy` and
//! `tp_traverse` in the hierarchy with the same payload pointer, which is
//! why a subclass's layout starts with its base's.

//!
//! This module is the classes' public API. What the generated code calls
//! to create types and payloads (often `unsafe`) is reached through
//! `hpy::impl_`, which is not a public API.

pub(crate) mod base;
mod buffer;
pub(crate) mod cell;
pub(crate) mod create;
mod detached;
mod field;
pub(crate) mod init;
mod instance;
pub(crate) mod payload;

pub use base::{BuiltinBase, ClassBase, builtin};
pub use buffer::{Buffer, Element};
pub(crate) use cell::ClassCell;
pub use cell::{Ref, RefMut};
pub(crate) use create::{TypeDefs, start_module};
pub(crate) use detached::live as live_detached;
pub use field::{Field, Traverse, Visit};
pub(crate) use field::{clear_fields, finds_set_fields};
pub use init::IntoInstance;
pub use instance::Instance;
pub(crate) use instance::downcast;
pub(crate) use payload::{ClassLayout, release};

use crate::{Global, HPyResult, Handle, Module};
use core::ffi::{CStr, c_ulong};

/// A Rust struct that is a Python class. Implemented by `#[hpy_type]`.
///
/// # Safety
/// `Layout` must be `ClassLayout<Self>`, `type_global` must return a global
/// used for nothing else, and `traverse` must visit exactly the `Field`s of
/// the value. The value must be `Send` apart from its `Field`s (Python
/// objects move between threads; `#[hpy_type]` requires every field to be
/// `Send` or [`Traverse`]).
pub unsafe trait HPyClass: Sized + 'static {
    /// The class's Python name.
    const NAME: &'static str;
    /// The class's docstring.
    const DOC: Option<&'static CStr>;
    /// `frozen`: never mutably borrowed, so no borrow flag is kept.
    const FROZEN: bool;
    /// Extra `HPy_TPFLAGS_*` (`BASETYPE` for `subclass`).
    const FLAGS: c_ulong;
    /// Whether the class holds `Field`s (it then takes part in the GC).
    fn has_fields() -> bool;
    /// What the class derives from: a builtin type or another Rust class.
    type Base: ClassBase;

    /// Where the type object is kept once the module created it.
    fn type_global() -> &'static Global;

    /// The type's definitions (methods, slots, members, getsets), built once.
    fn defines() -> &'static TypeDefs;

    /// Visits the `Field`s of a value (the GC traversal and HPy's clear).
    fn traverse(&self, visit: &mut Visit<'_>) -> core::ffi::c_int;

    /// Runs after the type object is created: static methods, class
    /// attributes.
    fn after_create(ty: &Handle<'_>, module: &Module<'_, '_>) -> HPyResult<()>;

    /// The signature of the constructor (`(x, y=0)`), if the class has one.
    fn constructor_signature() -> Option<&'static str>;

    /// The metaclass, if the class has one.
    fn metaclass<'ctx>(_module: &Module<'_, 'ctx>) -> HPyResult<Option<Handle<'ctx>>> {
        Ok(None)
    }

    /// Initializes the metaclass's data of the new type object `ty` (a
    /// metaclass written in Rust gets its `Default` value).
    fn init_metaclass_data(_ty: &Handle<'_>) -> HPyResult<()> {
        Ok(())
    }
}

/// The type object of `T`, once its module has created it.
pub fn type_object<'ctx, T: HPyClass>(ctx: crate::Ctx<'ctx>) -> HPyResult<Handle<'ctx>> {
    T::type_global().load(ctx).ok_or_else(|| {
        crate::HPyErr::new_type::<crate::exceptions::RuntimeError>(format!(
            "the type {} is not created yet: add it to an #[hpy_module]",
            T::NAME
        ))
    })
}

/// A class whose value may be borrowed mutably (`&mut self`, a `&mut
/// MyClass` argument, [`Instance::borrow_mut`]). Implemented by
/// `#[hpy_type]` for a class that is not `frozen`, has no members and
/// holds no `Field`s (every field is `Send`): Python reads members and
/// `Field`s at any time (attribute access, the garbage collector), so such
/// a class keeps what changes in `Cell`s and takes `&self`.
///
/// # Safety
/// Implemented by `#[hpy_type]` only, under the conditions above.
#[diagnostic::on_unimplemented(
    message = "`{Self}` cannot be borrowed mutably (`&mut self`, `&mut {Self}`, `borrow_mut`)",
    label = "a mutable borrow of this class",
    note = "it is frozen, or Python reads its members or Fields at any time: take `&self` and keep what \
            changes in `Cell`s"
)]
pub unsafe trait Mutable: HPyClass {}

/// A `frozen` class: never mutated after construction, so its value can be
/// read without a borrow (`Instance::get`).
///
/// # Safety
/// Implemented by `#[hpy_type(frozen)]` only: `&mut` access never happens.
pub unsafe trait Frozen: HPyClass {}
