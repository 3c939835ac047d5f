//! How instances are created, depending on the base (a builtin or a Rust
//! class).

use proc_macro2::TokenStream;
use quote::quote;
use syn::{Ident, Path};

/// A class on a builtin base: created by the builtin, with no arguments
/// (`T`) or with some (`(T, args)`); returnable by value.
pub(super) fn base_builtin(class: &Ident, builtin: &Ident) -> (TokenStream, TokenStream) {
    let hpy = crate::krate::hpy();
    let marker = match builtin.to_string().as_str() {
        "int" => quote!(Int),
        "float" => quote!(Float),
        "str" => quote!(Str),
        "tuple" => quote!(Tuple),
        "list" => quote!(List),
        "type" => quote!(Type),
        _ => quote!(Object),
    };
    let base = quote!(#hpy::class::builtin::#marker);
    let creation = quote! {
        // SAFETY: the builtin creates the instance; the class part is written once.
        unsafe impl<'ctx> #hpy::class::IntoInstance<'ctx, #class> for #class {
            unsafe fn create(
                self,
                cls: &#hpy::Handle<'ctx>,
                layout: ::core::alloc::Layout,
            ) -> #hpy::HPyResult<(#hpy::Handle<'ctx>, *mut ::core::ffi::c_void)> {
                // SAFETY: forwarded from the caller.
                let (obj, payload) = unsafe { #hpy::impl_::alloc_root::<#class>(cls, (), layout) }?;
                // SAFETY: a fresh instance of a subtype of the class.
                unsafe { #hpy::impl_::init_part::<#class>(payload, self) };
                ::core::result::Result::Ok((obj, payload))
            }
        }

        // SAFETY: as above, with the builtin's constructor arguments.
        unsafe impl<'ctx, A: #hpy::IntoArgs<'ctx>> #hpy::class::IntoInstance<'ctx, #class> for (#class, A) {
            unsafe fn create(
                self,
                cls: &#hpy::Handle<'ctx>,
                layout: ::core::alloc::Layout,
            ) -> #hpy::HPyResult<(#hpy::Handle<'ctx>, *mut ::core::ffi::c_void)> {
                let (value, args) = self;
                // SAFETY: forwarded from the caller.
                let (obj, payload) = unsafe { #hpy::impl_::alloc_root::<#class>(cls, args, layout) }?;
                // SAFETY: a fresh instance of a subtype of the class.
                unsafe { #hpy::impl_::init_part::<#class>(payload, value) };
                ::core::result::Result::Ok((obj, payload))
            }
        }

        impl<'ctx> #hpy::IntoHPy<'ctx> for #class {
            const MAY_BE_NOT_IMPLEMENTED: bool = false;
            const TYPE_HINT: #hpy::TypeHint = #hpy::TypeHint::Class(<#class as #hpy::HPyClass>::NAME);

            /// A new instance holding this value.
            fn into_hpy(self, ctx: #hpy::Ctx<'ctx>) -> #hpy::HPyResult<#hpy::Handle<'ctx>> {
                #hpy::Instance::new(ctx, self).map(#hpy::Instance::into_handle)
            }
        }
    };
    (base, creation)
}

/// A class on a Rust base: created from `(T, base initializer)`.
pub(super) fn base_rust(class: &Ident, base: &Path) -> (TokenStream, TokenStream) {
    let hpy = crate::krate::hpy();
    let creation = quote! {
        // SAFETY: the base's initializer creates the instance and its parts;
        // this class's part is written once.
        unsafe impl<'ctx, I: #hpy::class::IntoInstance<'ctx, #base>> #hpy::class::IntoInstance<'ctx, #class>
            for (#class, I)
        {
            unsafe fn create(
                self,
                cls: &#hpy::Handle<'ctx>,
                layout: ::core::alloc::Layout,
            ) -> #hpy::HPyResult<(#hpy::Handle<'ctx>, *mut ::core::ffi::c_void)> {
                let (value, base) = self;
                // SAFETY: forwarded from the caller (a subtype of this
                // class is a subtype of its base).
                let (obj, payload) = unsafe { base.create(cls, layout) }?;
                // SAFETY: a fresh instance of a subtype of the class, whose
                // base part was just written.
                unsafe { #hpy::impl_::init_part::<#class>(payload, value) };
                ::core::result::Result::Ok((obj, payload))
            }
        }
    };
    (quote!(#base), creation)
}
