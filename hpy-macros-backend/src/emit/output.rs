//! [`Output`]: what the emitters of a `#[hpy_methods]` block produce,
//! gathered by kind.

use proc_macro2::TokenStream;
use syn::Ident;

/// Everything generated for the block, gathered by kind.
#[derive(Default)]
pub struct Output {
    /// Implementations, targets and static definitions.
    pub items: TokenStream,
    /// Definitions of the type (`ClassMethods::defs`).
    pub defs: Vec<Ident>,
    /// Module functions behind static and class methods.
    pub module_defs: Vec<Ident>,
    /// Statements run once the type exists (`ClassMethods::install`).
    pub install: TokenStream,
}
