//! `#[hpy_type]` on a struct: the `HPyClass` implementation, the type's own
//! definitions (members and getsets from fields), its `ModuleItem`, and how
//! instances are created.

use crate::docs::doc_text;
use crate::function::{c_literal, local};
use proc_macro2::TokenStream;
use quote::{format_ident, quote, quote_spanned};
use syn::parse::{Parse, ParseStream};
use syn::spanned::Spanned;
use syn::{Fields, Ident, ItemStruct, LitStr, Path, Token, Type};

/// What a class derives from.
pub enum Base {
    Builtin(Ident),
    Rust(Path),
}

/// `#[hpy_type(name = "X", extends = Base | builtin = float, metaclass = Meta, subclass, frozen)]`.
#[derive(Default)]
pub struct ClassOptions {
    pub name: Option<LitStr>,
    pub base: Option<Base>,
    pub metaclass: Option<Path>,
    pub subclass: bool,
    pub frozen: bool,
}

const BUILTINS: &[&str] = &["object", "int", "float", "str", "tuple", "list", "type"];

impl Parse for ClassOptions {
    fn parse(input: ParseStream<'_>) -> syn::Result<Self> {
        let mut options = ClassOptions::default();
        while !input.is_empty() {
            let key: Ident = input.call(syn::ext::IdentExt::parse_any)?;
            match key.to_string().as_str() {
                "name" => {
                    input.parse::<Token![=]>()?;
                    options.name = Some(input.parse()?);
                }
                "extends" => {
                    input.parse::<Token![=]>()?;
                    options.base = Some(Base::Rust(input.parse()?));
                }
                "builtin" => {
                    input.parse::<Token![=]>()?;
                    let builtin: Ident = input.call(syn::ext::IdentExt::parse_any)?;
                    if !BUILTINS.contains(&builtin.to_string().as_str()) {
                        return Err(syn::Error::new(
                            builtin.span(),
                            format!(
                                "unknown builtin base `{builtin}`; expected one of {}",
                                BUILTINS.join(", ")
                            ),
                        ));
                    }
                    options.base = Some(Base::Builtin(builtin));
                }
                "metaclass" => {
                    input.parse::<Token![=]>()?;
                    options.metaclass = Some(input.parse()?);
                }
                "subclass" => options.subclass = true,
                "frozen" => options.frozen = true,
                _ => {
                    return Err(syn::Error::new(
                        key.span(),
                        format!(
                            "unknown option `{key}`; the options are `name`, `extends`, `builtin`, `metaclass`, \
                             `subclass` and `frozen`"
                        ),
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

/// What a field asks for with `#[hpy(..)]`.
#[derive(Default)]
struct FieldOptions {
    get: bool,
    set: bool,
    member: bool,
    readonly: bool,
    name: Option<LitStr>,
}

fn field_options(attrs: &mut Vec<syn::Attribute>) -> syn::Result<FieldOptions> {
    let mut options = FieldOptions::default();
    let mut result = Ok(());
    attrs.retain(|attr| {
        if !attr.path().is_ident("hpy") {
            return true;
        }
        let parsed = attr.parse_nested_meta(|meta| {
            if meta.path.is_ident("get") {
                options.get = true;
            } else if meta.path.is_ident("set") {
                options.set = true;
            } else if meta.path.is_ident("member") {
                options.member = true;
            } else if meta.path.is_ident("readonly") {
                options.readonly = true;
            } else if meta.path.is_ident("name") {
                options.name = Some(meta.value()?.parse()?);
            } else {
                return Err(meta.error("expected `get`, `set`, `member`, `readonly` or `name = \"..\"`"));
            }
            Ok(())
        });
        if let Err(e) = parsed {
            result = Err(e);
        }
        false
    });
    result?;
    if options.member && (options.get || options.set) {
        return Err(syn::Error::new(
            proc_macro2::Span::call_site(),
            "a field is either a `member` or has `get`/`set`, not both",
        ));
    }
    if options.readonly && !options.member {
        return Err(syn::Error::new(proc_macro2::Span::call_site(), "`readonly` goes with `member`"));
    }
    Ok(options)
}

/// Whether a field's type mentions `Field` (so it holds Python objects).
/// Types valid for one call only: a class that stored one would use it
/// after the call (the compiler would also refuse them, less clearly).
const CALL_SCOPED: &[&str] = &["Handle", "Borrowed", "Ctx", "Instance", "Module", "HPy", "HPyContext"];

/// Every identifier in `tokens`, nested groups included.
fn idents(tokens: TokenStream) -> Vec<Ident> {
    let mut out = Vec::new();
    for token in tokens {
        match token {
            proc_macro2::TokenTree::Ident(ident) => out.push(ident),
            proc_macro2::TokenTree::Group(group) => out.extend(idents(group.stream())),
            _ => {}
        }
    }
    out
}

/// Refuses a struct field that would keep a handle beyond its call.
fn check_storable(ty: &Type) -> syn::Result<()> {
    let Some(ident) = idents(quote!(#ty)).into_iter().find(|i| CALL_SCOPED.iter().any(|name| i == name))
    else {
        return Ok(());
    };
    Err(syn::Error::new(
        ty.span(),
        format!(
            "a `{ident}` cannot be stored in a class: it is valid during one call only; \
             store the object in a `hpy::Field` (or a `hpy::Global` for statics)"
        ),
    ))
}

fn mentions_field(ty: &Type) -> bool {
    idents(quote!(#ty)).iter().any(|i| i == "Field")
}

/// The definitions `#[hpy(member)]` and `#[hpy(get, set)]` fields produce,
/// every field (the GC traverses those whose type implements `Traverse`),
/// and the types that must implement it (they mention `Field`).
struct FieldDefs {
    statics: TokenStream,
    defs: Vec<Ident>,
    fields: Vec<(Ident, Type)>,
    must_traverse: Vec<Type>,
}

fn field_defs(class: &Ident, item: &mut ItemStruct, frozen: bool) -> syn::Result<FieldDefs> {
    let mut out = FieldDefs {
        statics: TokenStream::new(),
        defs: Vec::new(),
        fields: Vec::new(),
        must_traverse: Vec::new(),
    };
    let Fields::Named(named) = &mut item.fields else {
        if let Fields::Unnamed(fields) = &item.fields {
            return Err(syn::Error::new(
                fields.span(),
                "#[hpy_type] needs a struct with named fields (or no fields)",
            ));
        }
        return Ok(out);
    };
    for field in &mut named.named {
        let ident = field.ident.clone().expect("named fields");
        let options = field_options(&mut field.attrs)?;
        let ty = &field.ty;
        check_storable(ty)?;
        out.fields.push((ident.clone(), ty.clone()));
        if mentions_field(ty) {
            out.must_traverse.push(ty.clone());
        }
        let py_name = options.name.as_ref().map_or_else(|| crate::signature::unraw(&ident), LitStr::value);
        let name = c_literal(&py_name, ident.span())?;
        let doc = match doc_text(&field.attrs) {
            text if text.is_empty() => quote!(::core::option::Option::None),
            text => {
                let text = c_literal(&text, ident.span())?;
                quote!(::core::option::Option::Some(#text))
            }
        };
        let span = ty.span();
        if options.member {
            let def = format_ident!("__HPY_MEMBER_{}", ident);
            let member_kind = if options.readonly {
                if frozen {
                    quote_spanned!(span=> <#ty as ::hpy::impl_::MemberField>::KIND)
                } else {
                    quote_spanned!(span=> <#ty as ::hpy::impl_::SharedMemberField>::KIND)
                }
            } else {
                quote_spanned!(span=> <#ty as ::hpy::impl_::SharedMemberField>::KIND)
            };
            let readonly = options.readonly;
            out.statics.extend(quote! {
                // SAFETY: the offset is that of the field inside the class's
                // payload, and the member kind matches the field's type.
                static #def: ::hpy::sys::HPyDef = unsafe {
                    ::hpy::impl_::member_def(
                        #name,
                        #member_kind,
                        ::hpy::impl_::value_offset::<#class>() + ::core::mem::offset_of!(#class, #ident),
                        #readonly,
                        #doc,
                    )
                };
            });
            out.defs.push(def);
        } else if options.get || options.set {
            out.statics.extend(getset(class, &ident, ty, &options, (&name, &py_name), &doc));
            out.defs.push(format_ident!("__HPY_GETSET_{}", ident));
        }
    }
    Ok(out)
}

/// The getter/setter implementations and definition of a `get`/`set` field.
fn getset(
    class: &Ident,
    ident: &Ident,
    ty: &Type,
    options: &FieldOptions,
    (name, py_name): (&proc_macro2::Literal, &str),
    doc: &TokenStream,
) -> TokenStream {
    let def = format_ident!("__HPY_GETSET_{}", ident);
    let [ctx, raw_ctx, this, body] = ["__hpy_ctx", "__hpy_raw_ctx", "__hpy_self", "__hpy_body"].map(local);
    let getter = options.get.then(|| {
        let getter = format_ident!("__hpy_get_{}", ident);
        quote! {
            unsafe extern "C" fn #getter(
                #raw_ctx: *mut ::hpy::sys::HPyContext,
                __hpy_raw_self: ::hpy::sys::HPy,
                _: *mut ::core::ffi::c_void,
            ) -> ::hpy::sys::HPy {
                let #body = |#ctx: ::hpy::Ctx<'_>| -> ::hpy::HPyResult<::hpy::sys::HPy> {
                    // SAFETY: HPy calls getters with an instance of the class.
                    let #this = unsafe { ::hpy::impl_::receiver::<#class>(#ctx, __hpy_raw_self) }?;
                    let value: #ty = ::core::clone::Clone::clone(&#this.borrow()?.#ident);
                    ::hpy::impl_::IntoReturn::into_return(value, #ctx)
                };
                // SAFETY: HPy passes the context of the call.
                unsafe { ::hpy::impl_::run(#raw_ctx, #body) }
            }
        }
    });
    let setter = options.set.then(|| {
        let setter = format_ident!("__hpy_set_{}", ident);
        quote! {
            unsafe extern "C" fn #setter(
                #raw_ctx: *mut ::hpy::sys::HPyContext,
                __hpy_raw_self: ::hpy::sys::HPy,
                __hpy_raw_value: ::hpy::sys::HPy,
                _: *mut ::core::ffi::c_void,
            ) -> ::core::ffi::c_int {
                let #body = |#ctx: ::hpy::Ctx<'_>| -> ::hpy::HPyResult<::core::ffi::c_int> {
                    // SAFETY: HPy calls setters with an instance of the class
                    // and the new value (null to delete), open for the call.
                    let #this = unsafe { ::hpy::impl_::receiver::<#class>(#ctx, __hpy_raw_self) }?;
                    let value: #ty = unsafe { ::hpy::impl_::setter_value(#ctx, __hpy_raw_value, #py_name) }?;
                    #this.borrow_mut()?.#ident = value;
                    ::core::result::Result::Ok(0)
                };
                // SAFETY: HPy passes the context of the call.
                unsafe { ::hpy::impl_::run(#raw_ctx, #body) }
            }
        }
    });
    let target = |kind: &str, f: Ident, erase: Ident| {
        let target = format_ident!("__Hpy{}_{}", kind, ident);
        let tokens = quote! {
            struct #target;
            // SAFETY: the implementation has the signature `erase` takes.
            unsafe impl ::hpy::impl_::trampolines::Target for #target {
                const IMPL: ::hpy::sys::HPyCFunction = ::hpy::impl_::erase::#erase(#f);
            }
        };
        (quote!(#target), tokens)
    };
    let (get_target, get_tokens) = if options.get {
        target("Getter", format_ident!("__hpy_get_{}", ident), format_ident!("getter"))
    } else {
        (quote!(::hpy::impl_::NoImpl), quote!())
    };
    let (set_target, set_tokens) = if options.set {
        target("Setter", format_ident!("__hpy_set_{}", ident), format_ident!("setter"))
    } else {
        (quote!(::hpy::impl_::NoImpl), quote!())
    };
    quote! {
        #getter
        #setter
        #get_tokens
        #set_tokens
        // SAFETY: the targets have HPy's getter and setter signatures.
        static #def: ::hpy::sys::HPyDef = unsafe { ::hpy::impl_::getset_def::<#get_target, #set_target>(#name, #doc) };
    }
}

pub fn generate(options: ClassOptions, mut item: ItemStruct) -> syn::Result<TokenStream> {
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
    let py_name = options.name.as_ref().map_or_else(|| crate::signature::unraw(&class), LitStr::value);
    let docs = doc_text(&item.attrs);
    let doc = if docs.is_empty() {
        quote!(::core::option::Option::None)
    } else {
        let doc = c_literal(&docs, class.span())?;
        quote!(::core::option::Option::Some(#doc))
    };
    let fields = field_defs(&class, &mut item, options.frozen)?;
    let statics = &fields.statics;
    let own_defs = &fields.defs;
    let (field_names, field_types): (Vec<_>, Vec<_>) = fields.fields.iter().cloned().unzip();
    let must_traverse = &fields.must_traverse;
    let frozen = options.frozen;
    let flags = if options.subclass { quote!(::hpy::sys::HPy_TPFLAGS_BASETYPE) } else { quote!(0) };
    let (base, creation) = match &options.base {
        None => base_builtin(&class, &format_ident!("object")),
        Some(Base::Builtin(b)) => base_builtin(&class, b),
        Some(Base::Rust(path)) => base_rust(&class, path),
    };
    let metaclass = options.metaclass.as_ref().map(|meta| {
        quote! {
            fn metaclass<'ctx>(
                module: &::hpy::Module<'_, 'ctx>,
            ) -> ::hpy::HPyResult<::core::option::Option<::hpy::Handle<'ctx>>> {
                ::hpy::class::ensure_type::<#meta>(module).map(::core::option::Option::Some)
            }

            fn init_metaclass_data(ty: &::hpy::Handle<'_>) -> ::hpy::HPyResult<()> {
                let layout = ::core::alloc::Layout::new::<::hpy::class::ClassLayout<#meta>>();
                let payload = ::hpy::class::new_payload::<#meta>(ty, layout);
                // SAFETY: `ty` was just created with this metaclass: its
                // metaclass part is zeroed and not initialized yet.
                unsafe { ::hpy::class::init_part::<#meta>(payload, <#meta as ::core::default::Default>::default()) };
                ::core::result::Result::Ok(())
            }
        }
    });
    let frozen_impl = frozen.then(|| {
        quote! {
            // SAFETY: `frozen`: the value is never borrowed mutably.
            unsafe impl ::hpy::class::Frozen for #class {}
        }
    });
    Ok(quote! {
        #item

        #[allow(non_snake_case, non_camel_case_types, non_upper_case_globals, clippy::undocumented_unsafe_blocks)]
        const _: () = {
            use ::hpy::impl_::{WithMethods as _, WithoutMethods as _};

            static __HPY_TYPE: ::hpy::Global = ::hpy::Global::new();

            #statics
            #(const _: () = ::hpy::impl_::assert_traverse::<#must_traverse>();)*

            // SAFETY: the layout is `ClassLayout<Self>`; the global is this
            // class's own; `traverse` visits the fields whose type holds `Field`s.
            unsafe impl ::hpy::HPyClass for #class {
                const NAME: &'static str = #py_name;
                const DOC: ::core::option::Option<&'static ::core::ffi::CStr> = #doc;
                const FROZEN: bool = #frozen;
                const FLAGS: ::core::ffi::c_ulong = #flags;
                fn has_fields() -> bool {
                    use ::hpy::impl_::{ProbeNothing as _, ProbeTraverse as _};
                    false #(|| (&&::hpy::impl_::FieldProbe::<#field_types>::new()).holds_fields())*
                }
                type Base = #base;

                fn type_global() -> &'static ::hpy::Global {
                    &__HPY_TYPE
                }

                fn defines() -> &'static ::hpy::class::TypeDefs {
                    static DEFS: ::std::sync::OnceLock<::hpy::class::TypeDefs> = ::std::sync::OnceLock::new();
                    DEFS.get_or_init(|| {
                        let methods = &::hpy::impl_::MethodsOf::<#class>::NEW;
                        ::hpy::impl_::class_defines::<#class>(
                            &[#(&#own_defs),*],
                            &|list| methods.defs(list),
                            methods.has_new(),
                        )
                    })
                }

                fn traverse(&self, visit: &mut ::hpy::class::Visit<'_>) -> ::core::ffi::c_int {
                    use ::hpy::impl_::{ProbeNothing as _, ProbeTraverse as _};
                    #(
                        let status = (&&::hpy::impl_::FieldProbe::<#field_types>::new())
                            .traverse_field(&self.#field_names, visit);
                        if status != 0 {
                            return status;
                        }
                    )*
                    let _ = visit;
                    0
                }

                fn constructor_signature() -> ::core::option::Option<&'static str> {
                    (&::hpy::impl_::MethodsOf::<#class>::NEW).new_signature()
                }

                fn after_create(ty: &::hpy::Handle<'_>, module: &::hpy::Module<'_, '_>) -> ::hpy::HPyResult<()> {
                    (&::hpy::impl_::MethodsOf::<#class>::NEW).install(ty, module)
                }

                #metaclass
            }

            // SAFETY: the definitions come from `#[hpy_methods]`; the global is a static.
            unsafe impl ::hpy::impl_::ModuleItem for #class {
                fn defs(list: &mut ::std::vec::Vec<&'static ::hpy::sys::HPyDef>) {
                    (&::hpy::impl_::MethodsOf::<#class>::NEW).module_defs(list)
                }

                fn globals(list: &mut ::std::vec::Vec<&'static ::hpy::Global>) {
                    list.push(&__HPY_TYPE);
                }

                fn exec(module: &::hpy::Module<'_, '_>) -> ::hpy::HPyResult<()> {
                    ::hpy::class::create_type::<#class>(module)
                }
            }

            #creation
            #frozen_impl
        };
    })
}

/// A class on a builtin base: created by the builtin, with no arguments
/// (`T`) or with some (`(T, args)`); returnable by value.
fn base_builtin(class: &Ident, builtin: &Ident) -> (TokenStream, TokenStream) {
    let marker = match builtin.to_string().as_str() {
        "int" => quote!(Int),
        "float" => quote!(Float),
        "str" => quote!(Str),
        "tuple" => quote!(Tuple),
        "list" => quote!(List),
        "type" => quote!(Type),
        _ => quote!(Object),
    };
    let base = quote!(::hpy::class::builtin::#marker);
    let creation = quote! {
        // SAFETY: the builtin creates the instance; the class part is written once.
        unsafe impl<'ctx> ::hpy::class::IntoInstance<'ctx, #class> for #class {
            fn create(
                self,
                cls: &::hpy::Handle<'ctx>,
                layout: ::core::alloc::Layout,
            ) -> ::hpy::HPyResult<(::hpy::Handle<'ctx>, *mut ::core::ffi::c_void)> {
                let (obj, payload) = ::hpy::impl_::alloc_root::<#class>(cls, (), layout)?;
                // SAFETY: a fresh instance of a subtype of the class.
                unsafe { ::hpy::class::init_part::<#class>(payload, self) };
                ::core::result::Result::Ok((obj, payload))
            }
        }

        // SAFETY: as above, with the builtin's constructor arguments.
        unsafe impl<'ctx, A: ::hpy::IntoArgs<'ctx>> ::hpy::class::IntoInstance<'ctx, #class> for (#class, A) {
            fn create(
                self,
                cls: &::hpy::Handle<'ctx>,
                layout: ::core::alloc::Layout,
            ) -> ::hpy::HPyResult<(::hpy::Handle<'ctx>, *mut ::core::ffi::c_void)> {
                let (value, args) = self;
                let (obj, payload) = ::hpy::impl_::alloc_root::<#class>(cls, args, layout)?;
                // SAFETY: a fresh instance of a subtype of the class.
                unsafe { ::hpy::class::init_part::<#class>(payload, value) };
                ::core::result::Result::Ok((obj, payload))
            }
        }

        impl<'ctx> ::hpy::IntoHPy<'ctx> for #class {
            const MAY_BE_NOT_IMPLEMENTED: bool = false;

            /// A new instance holding this value.
            fn into_hpy(self, ctx: ::hpy::Ctx<'ctx>) -> ::hpy::HPyResult<::hpy::Handle<'ctx>> {
                ::hpy::Instance::new(ctx, self).map(::hpy::Instance::into_handle)
            }
        }
    };
    (base, creation)
}

/// A class on a Rust base: created from `(T, base initializer)`.
fn base_rust(class: &Ident, base: &Path) -> (TokenStream, TokenStream) {
    let creation = quote! {
        // SAFETY: the base's initializer creates the instance and its parts;
        // this class's part is written once.
        unsafe impl<'ctx, I: ::hpy::class::IntoInstance<'ctx, #base>> ::hpy::class::IntoInstance<'ctx, #class>
            for (#class, I)
        {
            fn create(
                self,
                cls: &::hpy::Handle<'ctx>,
                layout: ::core::alloc::Layout,
            ) -> ::hpy::HPyResult<(::hpy::Handle<'ctx>, *mut ::core::ffi::c_void)> {
                let (value, base) = self;
                let (obj, payload) = base.create(cls, layout)?;
                // SAFETY: a fresh instance of a subtype of the class, whose
                // base part was just written.
                unsafe { ::hpy::class::init_part::<#class>(payload, value) };
                ::core::result::Result::Ok((obj, payload))
            }
        }
    };
    (quote!(#base), creation)
}

/// `ty` with every `Self` replaced by `self_ty` (generated code outside the
/// `impl` block cannot name `Self`).
pub fn replace_self(ty: &Type, self_ty: Option<&Type>) -> Type {
    use syn::visit_mut::VisitMut;
    struct Replace<'a>(&'a Type);
    impl VisitMut for Replace<'_> {
        fn visit_type_mut(&mut self, ty: &mut Type) {
            if let Type::Path(p) = ty
                && p.qself.is_none()
                && p.path.is_ident("Self")
            {
                *ty = self.0.clone();
                return;
            }
            syn::visit_mut::visit_type_mut(self, ty);
        }
    }
    let mut ty = ty.clone();
    if let Some(self_ty) = self_ty {
        Replace(self_ty).visit_type_mut(&mut ty);
    }
    ty
}
