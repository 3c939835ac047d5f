//! `#[hpy_exception(base = ValueError)] struct MyError;`: a Python
//! exception type defined from Rust (`HPyErr_NewExceptionWithDoc`), kept in
//! a global and added to the module.

use crate::model::unraw;
use crate::parse::{ExceptionOptions, doc_text};
use crate::tokens::optional_c_literal;
use proc_macro2::TokenStream;
use quote::quote;
use syn::{ItemStruct, LitStr};

pub fn generate(options: ExceptionOptions, item: ItemStruct) -> syn::Result<TokenStream> {
    let hpy = crate::krate::hpy();
    if !matches!(item.fields, syn::Fields::Unit) {
        return Err(syn::Error::new_spanned(
            &item.fields,
            "#[hpy_exception] goes on a unit struct: `struct MyError;`",
        ));
    }
    let ident = &item.ident;
    let name = options.name.as_ref().map_or_else(|| unraw(ident), LitStr::value);
    let base = match &options.base {
        Some(base) => quote!(#base),
        None => quote!(#hpy::exceptions::Exception),
    };
    let stub = super::stub_records::exception(&name, &base);
    let docs = doc_text(&item.attrs);
    let doc = optional_c_literal(&docs, ident.span())?;
    Ok(quote! {
        #item

        #[allow(non_upper_case_globals)]
        const _: () = {
            static __HPY_EXCEPTION: #hpy::Global = #hpy::Global::new();

            impl #hpy::exceptions::ExceptionType for #ident {
                const NAME: &'static str = #name;

                fn exc_type() -> #hpy::ExcType {
                    #hpy::ExcType::global(&__HPY_EXCEPTION, #name)
                }
            }

            impl #ident {
                /// A new exception of this type with this message.
                pub fn new_err(msg: impl ::core::convert::Into<::std::borrow::Cow<'static, str>>) -> #hpy::HPyErr {
                    #hpy::HPyErr::new(<Self as #hpy::exceptions::ExceptionType>::exc_type(), msg)
                }
            }

            // SAFETY: the global is a static; the item adds no definition.
            unsafe impl #hpy::impl_::ModuleItem for #ident {
                #stub
                fn globals(list: &mut ::std::vec::Vec<&'static #hpy::Global>) {
                    list.push(&__HPY_EXCEPTION);
                }

                fn exec(module: &#hpy::Module<'_, '_>) -> #hpy::HPyResult<()> {
                    #hpy::impl_::create_exception(
                        module,
                        #name,
                        #doc,
                        <#base as #hpy::exceptions::ExceptionType>::exc_type(),
                        &__HPY_EXCEPTION,
                    )
                }
            }
        };
    })
}
