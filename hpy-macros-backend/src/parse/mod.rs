//! The first layer: what the user wrote, read into plain data. One option
//! parser ([`keys::Keys`]) serves every macro and helper attribute; the
//! `signature = (..)` option; the `///` comments; the method markers.

mod docs;
mod keys;
mod method_attrs;
mod options;
mod signature;

pub use docs::doc_text;
pub use method_attrs::{RoleAttr, take_method_attrs};
pub use options::{
    Base, ClassOptions, CrateOption, ExceptionOptions, FieldOptions, FunctionOptions, ModuleOptions,
    take_module_markers,
};
pub use signature::{SigItem, SignatureSpec};
