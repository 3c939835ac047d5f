//! `#[hpy_type]` on a struct: the `HPyClass` implementation, the type's own
//! definitions (members and getsets from fields), its `ModuleItem`, and how
//! instances are created.

use crate::model::unraw;
use crate::parse::{Base, ClassOptions, doc_text};
use crate::tokens::optional_c_literal;
use proc_macro2::TokenStream;
use quote::{format_ident, quote, quote_spanned};
use syn::spanned::Spanned;
use syn::{ItemStruct, LitStr};

mod bases;
mod fields;

use bases::{base_builtin, base_rust};
use fields::field_defs;

pub fn generate(options: ClassOptions, mut item: ItemStruct) -> syn::Result<TokenStream> {
    let hpy = crate::krate::hpy();
    if let Some(lifetime) = item.generics.lifetimes().next() {
        return Err(syn::Error::new(
            lifetime.span(),
            "#[hpy_type] cannot borrow: a Python object may outlive any borrow, so its struct \
             must own its data ('static); keep Python objects in `hpy::Field`",
        ));
    }
    if !item.generics.params.is_empty() {
        return Err(syn::Error::new(
            item.generics.span(),
            "#[hpy_type] cannot be generic: Python needs one concrete type (instantiate it per type with a macro)",
        ));
    }
    let class = item.ident.clone();
    let py_name = options.name.as_ref().map_or_else(|| unraw(&class), LitStr::value);
    let docs = doc_text(&item.attrs);
    let doc = optional_c_literal(&docs, class.span())?;
    let fields = field_defs(&class, &mut item, options.frozen)?;
    let statics = &fields.statics;
    let stub = super::stub_records::class(
        &class,
        &py_name,
        (options.base.as_ref(), options.metaclass.as_ref()),
        options.subclass,
        &fields.stubs,
    );
    let own_defs = &fields.defs;
    let (field_names, field_types): (Vec<_>, Vec<_>) = fields.fields.iter().cloned().unzip();
    // Each field holds `Field`s (its type implements `Traverse`) or none
    // (it is `Send`, which a type holding a `Field` is not): checked here,
    // at the field, by the probe that decides the GC flag.
    let holds_fields = field_types.iter().map(|ty| {
        let hpy = crate::krate::hpy_at(ty.span());
        quote_spanned! {ty.span()=>
            (&&#hpy::impl_::FieldProbe::<#ty>::new()).holds_fields()
        }
    });
    // Python reads members and `Field`s at any time (attribute access, the
    // GC): a class with some cannot hand out `&mut`. Whether a field holds
    // `Field`s is a question about its type: the impl holds when every
    // field is `Send` (the `for<'a>` keeps a bound that fails from being
    // an error).
    let frozen = options.frozen;
    let mutable_impl = (!frozen && !fields.has_members).then(|| {
        quote! {
            // SAFETY: not frozen, no members, and no `Field`s (every field is `Send`).
            unsafe impl #hpy::class::Mutable for #class
            where
                #(for<'__hpy> #field_types: ::core::marker::Send,)*
            {
            }
        }
    });
    let flags = if options.subclass { quote!(#hpy::sys::HPy_TPFLAGS_BASETYPE) } else { quote!(0) };
    let (base, creation) = match &options.base {
        None => base_builtin(&class, &format_ident!("object")),
        Some(Base::Builtin(b)) => base_builtin(&class, b),
        Some(Base::Rust(path)) => base_rust(&class, path),
    };
    let metaclass = options.metaclass.as_ref().map(|meta| {
        quote! {
            fn metaclass<'ctx>(
                module: &#hpy::Module<'_, 'ctx>,
            ) -> #hpy::HPyResult<::core::option::Option<#hpy::Handle<'ctx>>> {
                #hpy::impl_::ensure_type::<#meta>(module).map(::core::option::Option::Some)
            }

            fn init_metaclass_data(ty: &#hpy::Handle<'_>) -> #hpy::HPyResult<()> {
                let layout = ::core::alloc::Layout::new::<#hpy::impl_::ClassLayout<#meta>>();
                // SAFETY: `ty` was just created with this metaclass: it is a
                // new instance of it, whose metaclass part is untouched.
                let payload = unsafe { #hpy::impl_::new_payload::<#meta>(ty, layout, ::core::ptr::null_mut()) };
                // SAFETY: `ty` was just created with this metaclass: its
                // metaclass part is zeroed and not initialized yet.
                unsafe { #hpy::impl_::init_part::<#meta>(payload, <#meta as ::core::default::Default>::default()) };
                ::core::result::Result::Ok(())
            }
        }
    });
    // HPy places an object's data at a 16-byte boundary at best.
    let hpy_at_class = crate::krate::hpy_at(class.span());
    let alignment = quote_spanned! {class.span()=>
        const _: () = #hpy_at_class::impl_::assert_payload_alignment::<#class>();
    };
    let frozen_impl = frozen.then(|| {
        quote! {
            // SAFETY: `frozen`: the value is never borrowed mutably.
            unsafe impl #hpy::class::Frozen for #class {}
        }
    });
    Ok(quote! {
        #item

        #[allow(non_snake_case, non_camel_case_types, non_upper_case_globals, clippy::undocumented_unsafe_blocks)]
        const _: () = {
            use #hpy::impl_::{WithMethods as _, WithoutMethods as _};

            static __HPY_TYPE: #hpy::Global = #hpy::Global::new();

            #statics
            #alignment

            // SAFETY: the layout is `ClassLayout<Self>`; the global is this
            // class's own; `traverse` visits the fields whose type holds
            // `Field`s, and every other field is `Send` (`has_fields` checks it).
            unsafe impl #hpy::HPyClass for #class {
                const NAME: &'static str = #py_name;
                const DOC: ::core::option::Option<&'static ::core::ffi::CStr> = #doc;
                const FROZEN: bool = #frozen;
                const FLAGS: ::core::ffi::c_ulong = #flags;
                fn has_fields() -> bool {
                    use #hpy::impl_::{ProbeNothing as _, ProbeTraverse as _};
                    false #(|| #holds_fields)*
                }
                type Base = #base;

                fn type_global() -> &'static #hpy::Global {
                    &__HPY_TYPE
                }

                fn defines() -> &'static #hpy::impl_::TypeDefs {
                    static DEFS: ::std::sync::OnceLock<#hpy::impl_::TypeDefs> = ::std::sync::OnceLock::new();
                    DEFS.get_or_init(|| {
                        let methods = &#hpy::impl_::MethodsOf::<#class>::NEW;
                        #hpy::impl_::class_defines::<#class>(
                            &[#(&#own_defs),*],
                            &|list| methods.defs(list),
                            methods.has_new(),
                        )
                    })
                }

                fn traverse(&self, visit: &mut #hpy::class::Visit<'_>) -> ::core::ffi::c_int {
                    use #hpy::impl_::{ProbeNothing as _, ProbeTraverse as _};
                    #(
                        let status = (&&#hpy::impl_::FieldProbe::<#field_types>::new())
                            .traverse_field(&self.#field_names, visit);
                        if status != 0 {
                            return status;
                        }
                    )*
                    let _ = visit;
                    0
                }

                fn constructor_signature() -> ::core::option::Option<&'static str> {
                    (&#hpy::impl_::MethodsOf::<#class>::NEW).new_signature()
                }

                fn after_create(ty: &#hpy::Handle<'_>, module: &#hpy::Module<'_, '_>) -> #hpy::HPyResult<()> {
                    (&#hpy::impl_::MethodsOf::<#class>::NEW).install(ty, module)
                }

                #metaclass
            }

            // SAFETY: the definitions come from `#[hpy_methods]`; the global is a static.
            unsafe impl #hpy::impl_::ModuleItem for #class {
                #stub
                fn defs(list: &mut ::std::vec::Vec<&'static #hpy::sys::HPyDef>) {
                    (&#hpy::impl_::MethodsOf::<#class>::NEW).module_defs(list)
                }

                fn globals(list: &mut ::std::vec::Vec<&'static #hpy::Global>) {
                    list.push(&__HPY_TYPE);
                }

                fn exec(module: &#hpy::Module<'_, '_>) -> #hpy::HPyResult<()> {
                    #hpy::impl_::create_type::<#class>(module)
                }
            }

            #creation
            #frozen_impl
            #mutable_impl
        };
    })
}

#[cfg(test)]
mod tests {
    use super::fields::check_storable;
    use super::*;
    use syn::parse_quote;

    fn class(options: TokenStream, item: TokenStream) -> syn::Result<TokenStream> {
        generate(syn::parse2(options)?, syn::parse2(item)?)
    }

    fn message(result: syn::Result<TokenStream>) -> String {
        result.expect_err("the macro should refuse this").to_string()
    }

    #[test]
    fn fields_holding_handles_are_refused_wherever_they_hide() {
        for ty in [
            parse_quote!(Handle<'static>),
            parse_quote!(Option<hpy::Borrowed<'static, 'static>>),
            parse_quote!((u32, [Instance<'static, Point>; 2])),
            parse_quote!(Vec<(Ctx<'static>,)>),
        ] {
            let error = check_storable(&ty).expect_err("a call-scoped type");
            assert!(error.to_string().contains("cannot be stored in a class"), "{error}");
        }
        for ty in [parse_quote!(Field), parse_quote!(Option<[Field; 2]>), parse_quote!(HandleCount)] {
            check_storable(&ty).expect("storable");
        }
    }

    #[test]
    fn fields_are_told_apart_by_type() {
        let out = class(
            quote!(),
            quote!(
                struct Node {
                    next: Option<Field>,
                    name: String,
                }
            ),
        )
        .unwrap()
        .to_string();
        // Every field is probed for the traversal and the GC flag (which
        // also requires a field without `Field`s to be `Send`), whatever
        // its type is called.
        assert_eq!(out.matches("FieldProbe :: < String >").count(), 2);
        assert_eq!(out.matches("FieldProbe :: < Option < Field > >").count(), 2);
        // Mutable only if every field is `Send`.
        assert!(out.contains("unsafe impl :: hpy :: class :: Mutable for Node"), "{out}");
        assert!(out.contains("for < '__hpy > Option < Field > : :: core :: marker :: Send"), "{out}");
        assert!(out.contains("for < '__hpy > String : :: core :: marker :: Send"), "{out}");
        // Members and frozen classes are never mutable.
        for (options, item) in [
            (
                quote!(),
                quote!(
                    struct M {
                        #[hpy(member)]
                        x: Cell<i64>,
                    }
                ),
            ),
            (
                quote!(frozen),
                quote!(
                    struct F {
                        x: i64,
                    }
                ),
            ),
        ] {
            let out = class(options, item).unwrap().to_string();
            assert!(!out.contains("Mutable"), "{out}");
        }
    }

    #[test]
    fn generic_and_borrowing_structs_are_refused() {
        assert!(
            message(class(
                quote!(),
                quote!(
                    struct View<'a> {
                        s: &'a str,
                    }
                )
            ))
            .contains("cannot borrow")
        );
        assert!(
            message(class(
                quote!(),
                quote!(
                    struct Boxed<T> {
                        t: T,
                    }
                )
            ))
            .contains("cannot be generic")
        );
        assert!(
            message(class(
                quote!(),
                quote!(
                    struct Pair(u8, u8);
                )
            ))
            .contains("named fields")
        );
    }

    #[test]
    fn options_are_checked() {
        assert!(
            message(class(
                quote!(builtin = bytes),
                quote!(
                    struct B {}
                )
            ))
            .contains("unknown builtin base")
        );
        let out = class(
            quote!(builtin = int, subclass),
            quote!(
                struct I {}
            ),
        )
        .unwrap()
        .to_string();
        assert!(out.contains("builtin :: Int"), "{out}");
        assert!(out.contains("HPy_TPFLAGS_BASETYPE"));
    }
}
