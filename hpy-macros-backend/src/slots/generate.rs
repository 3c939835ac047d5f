//! The slot implementations of a `#[hpy_methods]` block, one per dunder
//! method, and the shared slots (number groups, comparison, assignment).

use super::*;

/// Generates every slot of a `#[hpy_methods]` block.
pub fn generate(
    out: &mut Output,
    self_ty: &Type,
    class_name: &str,
    methods: Vec<(&'static SlotInfo, FunctionSpec)>,
) -> syn::Result<()> {
    let hpy = crate::krate::hpy();
    let ctx = local("__hpy_ctx");
    let not_implemented = function::not_implemented();
    let find = |kind: &dyn Fn(&SlotKind) -> bool| {
        methods.iter().filter(|(info, _)| kind(&info.kind)).collect::<Vec<_>>()
    };
    let mut errors = crate::errors::Errors::default();
    for (info, spec) in &methods {
        let result = (|| -> syn::Result<()> {
            let m = &spec.rust_name;
            let call = |args: Vec<TokenStream>| quote!(<#self_ty>::#m(#(#args),*));
            let name = format_ident!("__hpy_slot_{}", info.name.trim_matches('_'));
            let (bind, recv) = receiver(spec, self_ty, &format_ident!("__hpy_raw_self"));
            match &info.kind {
                Unary { slot, sig } => {
                    expect(
                        spec,
                        &[Receiver::Ref, Receiver::RefMut, Receiver::Instance],
                        0..=0,
                        "fn(&self) -> T",
                    )?;
                    let ret = function::into_return(call(vec![recv]));
                    out.items.extend(slot_fn(
                        &name,
                        quote!(__hpy_raw_self: #hpy::sys::HPy),
                        quote!(#hpy::sys::HPy),
                        quote! {
                            #bind
                            #ret
                        },
                    ));
                    slot_def(out, &name, &sig.to_lowercase(), slot, sig);
                }
                Bool | Len | Hash => {
                    let (shape, ret, convert, slot, sig, erase): (&str, _, _, &[&str], &str, &str) =
                        match info.kind {
                            Bool => (
                                "fn(&self) -> bool",
                                quote!(::core::ffi::c_int),
                                quote!(#hpy::impl_::into_bool),
                                &["HPy_nb_bool"],
                                "INQUIRY",
                                "inquiry",
                            ),
                            Len => (
                                "fn(&self) -> usize",
                                quote!(#hpy::sys::HPy_ssize_t),
                                quote!(#hpy::impl_::into_len),
                                &["HPy_mp_length", "HPy_sq_length"],
                                "LENFUNC",
                                "lenfunc",
                            ),
                            _ => (
                                "fn(&self) -> u64 (or another integer)",
                                quote!(#hpy::sys::HPy_hash_t),
                                quote!(#hpy::impl_::into_hash),
                                &["HPy_tp_hash"],
                                "HASHFUNC",
                                "hashfunc",
                            ),
                        };
                    expect(spec, &[Receiver::Ref, Receiver::RefMut, Receiver::Instance], 0..=0, shape)?;
                    let call = call(vec![recv]);
                    out.items.extend(slot_fn(
                        &name,
                        quote!(__hpy_raw_self: #hpy::sys::HPy),
                        ret,
                        quote! {
                            #bind
                            #convert(#call)
                        },
                    ));
                    slot_defs(out, &name, erase, slot, sig);
                }
                Binary { .. } | Compare(_) => {}
                InPlace { slot, ternary } => {
                    let max = if *ternary { 2 } else { 1 };
                    expect(
                        spec,
                        &[Receiver::Ref, Receiver::RefMut, Receiver::Instance],
                        1..=max,
                        "fn(&mut self, other: T)",
                    )?;
                    let value = local("__hpy_other");
                    let (convert, pass) = operand(
                        spec,
                        0,
                        &quote!(&__hpy_other),
                        &value,
                        Some(quote!(return #not_implemented)),
                        self_ty,
                    );
                    let mut args = vec![recv, pass];
                    let mut extra = quote!();
                    if spec.params.len() == 2 {
                        let modulo = local("__hpy_modulo");
                        let (convert_modulo, pass_modulo) = operand(
                            spec,
                            1,
                            &quote!(&__hpy_third),
                            &modulo,
                            Some(quote!(return #not_implemented)),
                            self_ty,
                        );
                        extra = convert_modulo;
                        args.push(pass_modulo);
                    }
                    let result = local("__hpy_result");
                    let finish = if spec.returns_unit {
                        quote! {
                            ::core::result::Result::map_err(#result, ::core::convert::Into::<#hpy::HPyErr>::into)?;
                            // SAFETY: the slot's `self`, open for the call.
                            ::core::result::Result::Ok(unsafe { #hpy::impl_::dup_raw(#ctx, __hpy_raw_self) })
                        }
                    } else {
                        function::into_return(quote!(#result))
                    };
                    let unit_wrap =
                        if spec.returns_unit { quote!(#hpy::impl_::unit_result) } else { quote!() };
                    let call = call(args);
                    let (params, sig, erase) = if *ternary {
                        (
                            quote!(__hpy_raw_self: #hpy::sys::HPy, __hpy_raw_other: #hpy::sys::HPy, __hpy_raw_third: #hpy::sys::HPy),
                            "TERNARYFUNC",
                            "ternaryfunc",
                        )
                    } else {
                        (
                            quote!(__hpy_raw_self: #hpy::sys::HPy, __hpy_raw_other: #hpy::sys::HPy),
                            "BINARYFUNC",
                            "binaryfunc",
                        )
                    };
                    let third = if *ternary {
                        quote! {
                            // SAFETY: the third operand is open for the call.
                            let __hpy_third = unsafe { #ctx.borrow_raw(__hpy_raw_third) };
                            let _ = &__hpy_third;
                        }
                    } else {
                        quote!()
                    };
                    out.items.extend(slot_fn(
                        &name,
                        params,
                        quote!(#hpy::sys::HPy),
                        quote! {
                            // SAFETY: the operands are open for the call.
                            let __hpy_other = unsafe { #ctx.borrow_raw(__hpy_raw_other) };
                            #third
                            #bind
                            #convert
                            #extra
                            let #result = #unit_wrap(#call);
                            #finish
                        },
                    ));
                    slot_def(out, &name, erase, slot, sig);
                }
                GetItem => {
                    expect(
                        spec,
                        &[Receiver::Ref, Receiver::RefMut, Receiver::Instance],
                        1..=1,
                        "fn(&self, key: K) -> T",
                    )?;
                    let key = local("__hpy_key");
                    let (convert, pass) = operand(spec, 0, &quote!(&__hpy_key_handle), &key, None, self_ty);
                    let ret = function::into_return(call(vec![recv, pass]));
                    let body = quote! {
                        #bind
                        #convert
                        #ret
                    };
                    out.items.extend(slot_fn(
                        &name,
                        quote!(__hpy_raw_self: #hpy::sys::HPy, __hpy_raw_key: #hpy::sys::HPy),
                        quote!(#hpy::sys::HPy),
                        quote! {
                            // SAFETY: the key is open for the call.
                            let __hpy_key_handle = unsafe { #ctx.borrow_raw(__hpy_raw_key) };
                            #body
                        },
                    ));
                    slot_def(out, &name, "binaryfunc", "HPy_mp_subscript", "BINARYFUNC");
                    let seq = format_ident!("{}_seq", name);
                    out.items.extend(slot_fn(
                        &seq,
                        quote!(__hpy_raw_self: #hpy::sys::HPy, __hpy_index: #hpy::sys::HPy_ssize_t),
                        quote!(#hpy::sys::HPy),
                        quote! {
                            let __hpy_key_handle = #hpy::IntoHPy::into_hpy(__hpy_index, #ctx)?;
                            #body
                        },
                    ));
                    slot_def(out, &seq, "ssizeargfunc", "HPy_sq_item", "SSIZEARGFUNC");
                }
                SetItem | DelItem => {}
                Contains => {
                    expect(
                        spec,
                        &[Receiver::Ref, Receiver::RefMut, Receiver::Instance],
                        1..=1,
                        "fn(&self, item: T) -> bool",
                    )?;
                    let item = local("__hpy_item");
                    let (convert, pass) = operand(
                        spec,
                        0,
                        &quote!(&__hpy_item_handle),
                        &item,
                        Some(quote!(return ::core::result::Result::Ok(0))),
                        self_ty,
                    );
                    let call = call(vec![recv, pass]);
                    out.items.extend(slot_fn(
                        &name,
                        quote!(__hpy_raw_self: #hpy::sys::HPy, __hpy_raw_item: #hpy::sys::HPy),
                        quote!(::core::ffi::c_int),
                        quote! {
                            // SAFETY: the item is open for the call.
                            let __hpy_item_handle = unsafe { #ctx.borrow_raw(__hpy_raw_item) };
                            #bind
                            #convert
                            #hpy::impl_::into_bool(#call)
                        },
                    ));
                    slot_def(out, &name, "objobjproc", "HPy_sq_contains", "OBJOBJPROC");
                }
                Call => {
                    if spec.receiver == Receiver::None {
                        return Err(error(spec, "`__call__` takes `&self` or `&mut self`".into()));
                    }
                    let mut spec_kw = spec.clone();
                    spec_kw.convention = function::Convention::Keywords;
                    let (tokens, target, _) =
                        function::method_impl(&spec_kw, &name, quote!(<#self_ty>::#m), Some(self_ty));
                    out.items.extend(tokens);
                    let def = format_ident!("__HPY_SLOT_CALL_DEF");
                    out.items.extend(quote! {
                    // SAFETY: `tp_call` has the `HPyFunc_KEYWORDS` signature, which the target implements.
                    static #def: #hpy::sys::HPyDef = unsafe {
                        #hpy::impl_::slot_def::<#target>(#hpy::sys::HPy_tp_call, #hpy::sys::HPyFunc_KEYWORDS)
                    };
                });
                    out.defs.push(def);
                }
                Init => init(out, self_ty, spec, &name)?,
                Del => {
                    expect(
                        spec,
                        &[Receiver::Ref, Receiver::RefMut, Receiver::Instance],
                        0..=0,
                        "fn(&mut self)",
                    )?;
                    let call = call(vec![recv]);
                    let raw_ctx = local("__hpy_raw_ctx");
                    out.items.extend(quote! {
                    unsafe extern "C" fn #name(#raw_ctx: *mut #hpy::sys::HPyContext, __hpy_raw_self: #hpy::sys::HPy) {
                        let __hpy_body = |#ctx: #hpy::Ctx<'_>| -> #hpy::HPyResult<()> {
                            #bind
                            ::core::result::Result::map_err(#hpy::impl_::unit_result(#call), ::core::convert::Into::<#hpy::HPyErr>::into)
                        };
                        // SAFETY: HPy calls the finalizer with the context and the object.
                        unsafe { #hpy::impl_::run_finalizer(#raw_ctx, __hpy_raw_self, __hpy_body) }
                    }
                });
                    slot_def(out, &name, "destructor", "HPy_tp_finalize", "DESTRUCTOR");
                }
                Buffer => {
                    expect(spec, &[Receiver::Ref], 0..=0, "fn(&self) -> HPyResult<Buffer<'_>>")?;
                    let release = format_ident!("{}_release", name);
                    out.items.extend(quote! {
                    unsafe extern "C" fn #name(
                        __hpy_raw_ctx: *mut #hpy::sys::HPyContext,
                        __hpy_raw_self: #hpy::sys::HPy,
                        __hpy_view: *mut #hpy::sys::HPy_buffer,
                        __hpy_flags: ::core::ffi::c_int,
                    ) -> ::core::ffi::c_int {
                        // SAFETY: HPy passes the object, the view to fill and the request flags.
                        unsafe { #hpy::impl_::get_buffer::<#self_ty>(__hpy_raw_ctx, __hpy_raw_self, __hpy_view, __hpy_flags, |value| <#self_ty>::#m(value)) }
                    }
                    unsafe extern "C" fn #release(
                        __hpy_raw_ctx: *mut #hpy::sys::HPyContext,
                        __hpy_raw_self: #hpy::sys::HPy,
                        __hpy_view: *mut #hpy::sys::HPy_buffer,
                    ) {
                        // SAFETY: HPy passes the object and a view filled by the getter.
                        unsafe { #hpy::impl_::release_buffer::<#self_ty>(__hpy_raw_ctx, __hpy_raw_self, __hpy_view) }
                    }
                });
                    slot_def(out, &name, "getbufferproc", "HPy_bf_getbuffer", "GETBUFFERPROC");
                    slot_def(out, &release, "releasebufferproc", "HPy_bf_releasebuffer", "RELEASEBUFFERPROC");
                }
            }
            Ok(())
        })();
        errors.push(result);
    }
    errors.push(binary_groups(out, self_ty, &find(&|k| matches!(k, Binary { .. }))));
    errors.push(compare(out, self_ty, &find(&|k| matches!(k, Compare(_)))));
    errors.push(assignment(out, self_ty, class_name, &find(&|k| matches!(k, SetItem | DelItem))));
    errors.finish()
}
