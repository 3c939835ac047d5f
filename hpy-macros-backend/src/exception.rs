//! `#[hpy_exception(base = ValueError)] struct MyError;`: a Python
//! exception type defined from Rust (`HPyErr_NewExceptionWithDoc`), kept in
//! a global and added to the module.

use crate::docs::doc_text;
use crate::function::c_literal;
use proc_macro2::TokenStream;
use quote::quote;
use syn::parse::{Parse, ParseStream};
use syn::{Ident, ItemStruct, LitStr, Path, Token};

/// `name = "..."`, `base = Path` (an exception type: a builtin such as
/// `hpy::exceptions::ValueError` or another `#[hpy_exception]`).
#[derive(Default)]
pub struct ExceptionOptions {
    name: Option<LitStr>,
    base: Option<Path>,
    /// `crate = "..."`: the path of the `hpy` crate.
    pub krate: Option<Path>,
}

impl Parse for ExceptionOptions {
    fn parse(input: ParseStream<'_>) -> syn::Result<Self> {
        let mut options = ExceptionOptions::default();
        while !input.is_empty() {
            let key: Ident = input.call(syn::ext::IdentExt::parse_any)?;
            input.parse::<Token![=]>()?;
            match key.to_string().as_str() {
                "name" => options.name = Some(input.parse()?),
                "base" => options.base = Some(input.parse()?),
                "crate" => options.krate = Some(crate::krate::parse_value(input)?),
                _ => {
                    return Err(syn::Error::new(
                        key.span(),
                        "unknown option; the options are `name`, `base` and `crate`",
                    ));
                }
            }
            if !input.is_empty() {
                input.parse::<Token![,]>()?;
            }
        }
        Ok(options)
    }
}

pub fn generate(options: ExceptionOptions, item: ItemStruct) -> syn::Result<TokenStream> {
    let hpy = crate::krate::hpy();
    if !matches!(item.fields, syn::Fields::Unit) {
        return Err(syn::Error::new_spanned(
            &item.fields,
            "#[hpy_exception] goes on a unit struct: `struct MyError;`",
        ));
    }
    let ident = &item.ident;
    let name = options.name.as_ref().map_or_else(|| crate::signature::unraw(ident), LitStr::value);
    let base = match &options.base {
        Some(base) => quote!(#base),
        None => quote!(#hpy::exceptions::Exception),
    };
    let stub = crate::stub_records::exception(&name, &base);
    let docs = doc_text(&item.attrs);
    let doc = if docs.is_empty() {
        quote!(::core::option::Option::None)
    } else {
        let docs = c_literal(&docs, ident.span())?;
        quote!(::core::option::Option::Some(#docs))
    };
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
