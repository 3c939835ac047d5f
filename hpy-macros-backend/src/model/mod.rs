//! The second layer: what the user wrote, analysed once into descriptions
//! the emitters read without deciding anything again — a [`Callable`] for
//! every function, method, slot and constructor form; a [`MethodsBlock`]
//! for an `impl`; a [`ModuleModel`] for a module; the bound Python
//! signature; the docstrings.

mod callable;
mod docs;
mod methods;
mod module;
mod signature;
mod slot_table;

pub use callable::{Callable, Convention, Place, Receiver, RustArg, analyze};
pub use docs::{class_signature, docstring, text_signature};
pub use methods::{Constructor, GetSet, Member, MethodsBlock, analyze_block};
pub use module::{ModuleModel, analyze_module};
pub use signature::{Default, Kind, Param, is_option, unraw};
pub use slot_table::{SlotInfo, SlotKind};
