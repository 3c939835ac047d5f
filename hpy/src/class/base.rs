//! What a Rust class derives from: a builtin type (through HPy's builtin
//! shapes) or another Rust class.

use super::{ClassLayout, HPyClass, Visit};
use crate::{Ctx, HPyErr, HPyResult, Handle};
use core::ffi::c_void;
use hpy_sys::HPyType_BuiltinShape;

/// A base of a Rust class.
///
/// # Safety
/// `Layout` must be the payload an instance of the base has, and `SHAPE`
/// the builtin shape of every type derived from it.
pub unsafe trait ClassBase: 'static {
    /// The base's part of the payload.
    type Layout;
    /// The builtin shape of the types derived from this base.
    const SHAPE: HPyType_BuiltinShape;
    /// Whether the base holds `Field`s.
    const HAS_FIELDS: bool;

    /// The base type object (`None` for `object`).
    fn base_type<'ctx>(ctx: Ctx<'ctx>) -> HPyResult<Option<Handle<'ctx>>>;

    /// Visits the base's `Field`s.
    fn traverse_layout(layout: &Self::Layout, visit: &mut Visit<'_>) -> core::ffi::c_int;
}

/// The payload of `obj`, an instance of a type with builtin shape `shape`
/// (`_HPy_AsStruct_<shape>`).
pub(crate) fn payload_of(obj: &Handle<'_>, shape: HPyType_BuiltinShape) -> *mut c_void {
    let (ctx, h) = (obj.ctx().as_raw(), obj.as_raw());
    // SAFETY: `obj` is open; the caller checked that it is an instance of a
    // type with this shape (HPy's debug mode verifies it too).
    unsafe {
        match shape {
            hpy_sys::HPyType_BuiltinShape_Long => hpy_sys::_HPy_AsStruct_Long(ctx, h),
            hpy_sys::HPyType_BuiltinShape_Float => hpy_sys::_HPy_AsStruct_Float(ctx, h),
            hpy_sys::HPyType_BuiltinShape_Unicode => hpy_sys::_HPy_AsStruct_Unicode(ctx, h),
            hpy_sys::HPyType_BuiltinShape_Tuple => hpy_sys::_HPy_AsStruct_Tuple(ctx, h),
            hpy_sys::HPyType_BuiltinShape_List => hpy_sys::_HPy_AsStruct_List(ctx, h),
            hpy_sys::HPyType_BuiltinShape_Type => hpy_sys::_HPy_AsStruct_Type(ctx, h),
            _ => hpy_sys::_HPy_AsStruct_Object(ctx, h),
        }
    }
}

// SAFETY: a Rust class's instances have its `ClassLayout` and its base's shape.
unsafe impl<T: HPyClass> ClassBase for T {
    type Layout = ClassLayout<T>;
    const SHAPE: HPyType_BuiltinShape = <T::Base as ClassBase>::SHAPE;
    const HAS_FIELDS: bool = T::HAS_FIELDS || <T::Base as ClassBase>::HAS_FIELDS;

    fn base_type<'ctx>(ctx: Ctx<'ctx>) -> HPyResult<Option<Handle<'ctx>>> {
        super::type_object::<T>(ctx).map(Some)
    }

    fn traverse_layout(layout: &ClassLayout<T>, visit: &mut Visit<'_>) -> core::ffi::c_int {
        let status = <T::Base as ClassBase>::traverse_layout(&layout.base, visit);
        if status != 0 {
            return status;
        }
        // SAFETY: traversal only reads the fields, without running user code.
        match unsafe { layout.cell.value_for_traverse() } {
            // SAFETY: the cell is initialized and outlives this call.
            Some(value) => unsafe { (*value).traverse(visit) },
            None => 0,
        }
    }
}

/// A builtin base: its instances are created by the builtin type itself.
pub trait BuiltinBase: ClassBase<Layout = ()> {
    /// Creates an instance of `cls` (a subtype of this base) with the
    /// builtin's constructor arguments; returns it and its payload.
    fn alloc<'ctx>(cls: &Handle<'ctx>, args: &[hpy_sys::HPy]) -> HPyResult<(Handle<'ctx>, *mut c_void)>;
}

/// The builtin types a Rust class can derive from (`#[hpy_type(extends = ..)]`
/// takes another Rust class, `builtin = int` one of these).
pub mod builtin {
    use super::*;

    macro_rules! builtin_base {
        ($(#[$doc:meta])* $name:ident, $shape:ident, $ty:ident) => {
            $(#[$doc])*
            pub struct $name;

            // SAFETY: instances have the builtin's header, then the payload.
            unsafe impl ClassBase for $name {
                type Layout = ();
                const SHAPE: HPyType_BuiltinShape = hpy_sys::$shape;
                const HAS_FIELDS: bool = false;

                fn base_type<'ctx>(ctx: Ctx<'ctx>) -> HPyResult<Option<Handle<'ctx>>> {
                    Ok(Some(ctx.$ty().to_owned()))
                }

                fn traverse_layout(_: &(), _: &mut Visit<'_>) -> core::ffi::c_int {
                    0
                }
            }

            impl BuiltinBase for $name {
                fn alloc<'ctx>(cls: &Handle<'ctx>, args: &[hpy_sys::HPy]) -> HPyResult<(Handle<'ctx>, *mut c_void)> {
                    let obj = construct_builtin(&cls.ctx().$ty(), cls, args)?;
                    let payload = payload_of(&obj, Self::SHAPE);
                    Ok((obj, payload))
                }
            }
        };
    }

    /// `object`, the default base.
    pub struct Object;

    // SAFETY: instances have the object header, then the payload.
    unsafe impl ClassBase for Object {
        type Layout = ();
        const SHAPE: HPyType_BuiltinShape = hpy_sys::HPyType_BuiltinShape_Object;
        const HAS_FIELDS: bool = false;

        fn base_type<'ctx>(_ctx: Ctx<'ctx>) -> HPyResult<Option<Handle<'ctx>>> {
            Ok(None)
        }

        fn traverse_layout(_: &(), _: &mut Visit<'_>) -> core::ffi::c_int {
            0
        }
    }

    impl BuiltinBase for Object {
        fn alloc<'ctx>(cls: &Handle<'ctx>, args: &[hpy_sys::HPy]) -> HPyResult<(Handle<'ctx>, *mut c_void)> {
            if !args.is_empty() {
                return Err(HPyErr::new_type::<crate::exceptions::TypeError>(
                    "object() takes no arguments: a class based on object gets no base arguments",
                ));
            }
            let ctx = cls.ctx();
            let mut data = core::ptr::null_mut();
            // SAFETY: `cls` is a type open in this call; HPy_New writes the
            // payload's address and returns a new handle (or raises).
            let obj = unsafe { ctx.wrap(hpy_sys::_HPy_New(ctx.as_raw(), cls.as_raw(), &mut data)) }?;
            Ok((obj, data))
        }
    }

    builtin_base!(
        /// `int`.
        Int, HPyType_BuiltinShape_Long, long_type
    );
    builtin_base!(
        /// `float`.
        Float, HPyType_BuiltinShape_Float, float_type
    );
    builtin_base!(
        /// `str`.
        Str, HPyType_BuiltinShape_Unicode, unicode_type
    );
    builtin_base!(
        /// `tuple`.
        Tuple, HPyType_BuiltinShape_Tuple, tuple_type
    );
    builtin_base!(
        /// `list`.
        List, HPyType_BuiltinShape_List, list_type
    );
    builtin_base!(
        /// `type`: for metaclasses.
        Type, HPyType_BuiltinShape_Type, type_type
    );

    /// `base.__new__(cls, *args)`, then `base.__init__(obj, *args)` for a
    /// mutable builtin (`list`), whose contents `__init__` sets.
    fn construct_builtin<'ctx>(
        base: &Handle<'ctx>,
        cls: &Handle<'ctx>,
        args: &[hpy_sys::HPy],
    ) -> HPyResult<Handle<'ctx>> {
        let ctx = cls.ctx();
        let mut all = Vec::with_capacity(args.len() + 1);
        all.push(cls.as_raw());
        all.extend_from_slice(args);
        let new = base.getattr("__new__")?;
        // SAFETY: every handle in `all` is open in this call.
        let obj = unsafe {
            ctx.wrap(hpy_sys::HPy_Call(
                ctx.as_raw(),
                new.as_raw(),
                all.as_ptr(),
                all.len(),
                hpy_sys::HPy_NULL,
            ))
        }?;
        if base.is(&ctx.list_type()) && !args.is_empty() {
            all[0] = obj.as_raw();
            let init = base.getattr("__init__")?;
            // SAFETY: as above.
            unsafe {
                ctx.wrap(hpy_sys::HPy_Call(
                    ctx.as_raw(),
                    init.as_raw(),
                    all.as_ptr(),
                    all.len(),
                    hpy_sys::HPy_NULL,
                ))
            }?;
        }
        Ok(obj)
    }
}
