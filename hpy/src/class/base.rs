//! What a Rust class derives from: a builtin type (through HPy's builtin
//! shapes) or another Rust class.

use super::{ClassLayout, HPyClass, Visit};
use crate::{Ctx, HPyErr, HPyResult, Handle, Module};
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
    fn has_fields() -> bool;
    /// Whether instances keep their payload outside the object, in a side
    /// table: derived from a variable-sized builtin (`int`, `tuple`), whose
    /// items sit where HPy 0.9 places a payload.
    const DETACHED: bool;
    /// Whether this is a builtin, not a Rust class.
    const BUILTIN: bool;

    /// The size of the builtin header before the payload (measured when a
    /// type on this base is created; see [`Anchor`]).
    fn header_size() -> usize;

    /// Measures what `header_size` returns; run before a type is created.
    fn prepare(ctx: Ctx<'_>) -> HPyResult<()>;

    /// The base type object (`None` for `object`); a Rust base is created
    /// first if the module has not created it yet.
    fn base_type<'ctx>(module: &Module<'_, 'ctx>) -> HPyResult<Option<Handle<'ctx>>>;

    /// Visits the base's `Field`s.
    fn traverse_layout(layout: &Self::Layout, visit: &mut Visit<'_>) -> core::ffi::c_int;
}

/// The payload of `obj`, an instance of a type with builtin shape `shape`
/// (`_HPy_AsStruct_<shape>`). PyPy implements only `_Object`, `_Type` and
/// `_Legacy`: classes on other builtins are refused there, and have no
/// payload (null).
pub(crate) fn payload_of(obj: &Handle<'_>, shape: HPyType_BuiltinShape) -> *mut c_void {
    let (ctx, h) = (obj.ctx().as_raw(), obj.as_raw());
    let pypy_lacks = |s| s != hpy_sys::HPyType_BuiltinShape_Object && s != hpy_sys::HPyType_BuiltinShape_Type;
    if crate::runtime::is_pypy() && pypy_lacks(shape) {
        return core::ptr::null_mut();
    }
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
    fn has_fields() -> bool {
        T::has_fields() || <T::Base as ClassBase>::has_fields()
    }
    const DETACHED: bool = <T::Base as ClassBase>::DETACHED;
    const BUILTIN: bool = false;

    fn header_size() -> usize {
        <T::Base as ClassBase>::header_size()
    }

    fn prepare(ctx: Ctx<'_>) -> HPyResult<()> {
        <T::Base as ClassBase>::prepare(ctx)
    }

    fn base_type<'ctx>(module: &Module<'_, 'ctx>) -> HPyResult<Option<Handle<'ctx>>> {
        super::create::ensure_type::<T>(module).map(Some)
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

/// The first word of every instance's payload: the payload's own address.
///
/// HPy 0.9's CPython runtime passes the wrong pointer to `tp_destroy` and
/// `tp_traverse` for instances of *Python* subclasses of HPy types: such a
/// subclass loses HPy's internal type flag, so HPy takes it for a legacy
/// type and passes the object's start instead of its payload. The anchor
/// tells the two apart; the payload is then `header_size()` further.
#[repr(C)]
pub struct Anchor {
    this: core::cell::Cell<usize>,
}

impl Anchor {
    /// Whether `ptr` points to an anchor holding its own address.
    ///
    /// # Safety
    /// `ptr` must point to at least one readable word of an object.
    pub(crate) unsafe fn is_at(ptr: *const c_void) -> bool {
        // SAFETY: forwarded from the caller.
        unsafe { *ptr.cast::<usize>() == ptr as usize }
    }

    /// Marks `payload` as the payload of a new instance.
    ///
    /// # Safety
    /// `payload` must be the zeroed payload of a new instance.
    pub(crate) unsafe fn set(payload: *mut c_void) {
        // SAFETY: forwarded from the caller; the anchor is the first word.
        unsafe { *payload.cast::<usize>() = payload as usize }
    }
}

/// A builtin base: its instances are created by the builtin type itself.
pub trait BuiltinBase: ClassBase<Layout = Anchor> {
    /// Creates an instance of `cls` (a subtype of this base) with the
    /// builtin's constructor arguments; returns it and the payload address
    /// HPy reported (null if none: only `HPy_New` reports one, and it is
    /// wrong for Python subclasses, see [`Anchor`]).
    ///
    /// # Safety
    /// `args` must be handles open in `cls`'s context.
    unsafe fn alloc<'ctx>(
        cls: &Handle<'ctx>,
        args: &[hpy_sys::HPy],
    ) -> HPyResult<(Handle<'ctx>, *mut c_void)>;

    /// Records the header size of this builtin, from its `__basicsize__`.
    fn measure_header(ctx: Ctx<'_>) -> HPyResult<()>;
}

/// `align16(builtin.__basicsize__)`: where HPy's CPython runtime puts the
/// payload of a type with this builtin shape (`_HPy_HEAD_SIZE` of the
/// builtin's struct). PyPy has no `__basicsize__` (nor CPython's object
/// layout, nor the bug [`Anchor`] works around): 0 there, and a payload is
/// then only ever found where HPy reports it.
fn measured_header(ty: &Handle<'_>) -> HPyResult<usize> {
    if !ty.hasattr("__basicsize__")? {
        return Ok(0);
    }
    let size: usize = ty.getattr("__basicsize__")?.extract()?;
    Ok(size.div_ceil(16) * 16)
}

/// The builtin types a Rust class can derive from (`#[hpy_type(extends = ..)]`
/// takes another Rust class, `builtin = float` one of these).
pub mod builtin {
    use super::*;

    macro_rules! builtin_base {
        ($(#[$doc:meta])* $name:ident, $shape:ident, $ty:ident, detached = $detached:literal) => {
            $(#[$doc])*
            pub struct $name;

            // SAFETY: instances have the builtin's header, then the payload.
            unsafe impl ClassBase for $name {
                type Layout = Anchor;
                const SHAPE: HPyType_BuiltinShape = hpy_sys::$shape;
                fn has_fields() -> bool {
                    false
                }
                const DETACHED: bool = $detached;
                const BUILTIN: bool = true;

                fn header_size() -> usize {
                    $name::header().load(core::sync::atomic::Ordering::Relaxed)
                }

                fn prepare(ctx: Ctx<'_>) -> HPyResult<()> {
                    <Self as BuiltinBase>::measure_header(ctx)
                }

                fn base_type<'ctx>(module: &Module<'_, 'ctx>) -> HPyResult<Option<Handle<'ctx>>> {
                    Ok(Some(module.ctx().$ty().to_owned()))
                }

                fn traverse_layout(_: &Anchor, _: &mut Visit<'_>) -> core::ffi::c_int {
                    0
                }
            }

            impl $name {
                fn header() -> &'static core::sync::atomic::AtomicUsize {
                    static HEADER: core::sync::atomic::AtomicUsize = core::sync::atomic::AtomicUsize::new(0);
                    &HEADER
                }
            }

            impl BuiltinBase for $name {
                unsafe fn alloc<'ctx>(
                    cls: &Handle<'ctx>,
                    args: &[hpy_sys::HPy],
                ) -> HPyResult<(Handle<'ctx>, *mut c_void)> {
                    if crate::runtime::is_pypy() {
                        return Err(crate::runtime::pypy::refuse_builtin_base(&cls.ctx().$ty()));
                    }
                    // SAFETY: forwarded from the caller.
                    let obj = unsafe { construct_builtin(&cls.ctx().$ty(), cls, args) }?;
                    Ok((obj, core::ptr::null_mut()))
                }

                fn measure_header(ctx: Ctx<'_>) -> HPyResult<()> {
                    let size = measured_header(&ctx.$ty())?;
                    $name::header().store(size, core::sync::atomic::Ordering::Relaxed);
                    Ok(())
                }
            }
        };
    }

    /// `object`, the default base.
    pub struct Object;

    static OBJECT_HEADER: core::sync::atomic::AtomicUsize = core::sync::atomic::AtomicUsize::new(0);

    // SAFETY: instances have the object header, then the payload.
    unsafe impl ClassBase for Object {
        type Layout = Anchor;
        const SHAPE: HPyType_BuiltinShape = hpy_sys::HPyType_BuiltinShape_Object;
        fn has_fields() -> bool {
            false
        }
        const DETACHED: bool = false;
        const BUILTIN: bool = true;

        fn header_size() -> usize {
            OBJECT_HEADER.load(core::sync::atomic::Ordering::Relaxed)
        }

        fn prepare(ctx: Ctx<'_>) -> HPyResult<()> {
            <Self as BuiltinBase>::measure_header(ctx)
        }

        fn base_type<'ctx>(_module: &Module<'_, 'ctx>) -> HPyResult<Option<Handle<'ctx>>> {
            Ok(None)
        }

        fn traverse_layout(_: &Anchor, _: &mut Visit<'_>) -> core::ffi::c_int {
            0
        }
    }

    impl BuiltinBase for Object {
        unsafe fn alloc<'ctx>(
            cls: &Handle<'ctx>,
            args: &[hpy_sys::HPy],
        ) -> HPyResult<(Handle<'ctx>, *mut c_void)> {
            if !args.is_empty() {
                return Err(HPyErr::new_type::<crate::exceptions::TypeError>(
                    "object() takes no arguments: a class based on object gets no base arguments",
                ));
            }
            let ctx = cls.ctx();
            let mut data = core::ptr::null_mut();
            // SAFETY: `cls` is a type open in this call; HPy_New returns a new
            // handle (or raises).
            let obj = unsafe { ctx.wrap(hpy_sys::_HPy_New(ctx.as_raw(), cls.as_raw(), &mut data)) }?;
            Ok((obj, data))
        }

        fn measure_header(ctx: Ctx<'_>) -> HPyResult<()> {
            let size = measured_header(&ctx.base_object_type())?;
            OBJECT_HEADER.store(size, core::sync::atomic::Ordering::Relaxed);
            Ok(())
        }
    }

    builtin_base!(
        /// `int`: variable-sized, so its subclasses' payloads are detached.
        Int, HPyType_BuiltinShape_Long, long_type, detached = true
    );
    builtin_base!(
        /// `float`.
        Float, HPyType_BuiltinShape_Float, float_type, detached = false
    );
    builtin_base!(
        /// `str`.
        Str, HPyType_BuiltinShape_Unicode, unicode_type, detached = false
    );
    builtin_base!(
        /// `tuple`: variable-sized, so its subclasses' payloads are detached.
        Tuple, HPyType_BuiltinShape_Tuple, tuple_type, detached = true
    );
    builtin_base!(
        /// `list`.
        List, HPyType_BuiltinShape_List, list_type, detached = false
    );
    builtin_base!(
        /// `type`: for metaclasses (its items, the members of `__slots__`,
        /// follow the payload).
        Type, HPyType_BuiltinShape_Type, type_type, detached = false
    );

    /// `base.__new__(cls, *args)`, then `base.__init__(obj, *args)` for a
    /// mutable builtin (`list`), whose contents `__init__` sets.
    ///
    /// # Safety
    /// `args` must be handles open in `cls`'s context.
    unsafe fn construct_builtin<'ctx>(
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
        let obj = unsafe { crate::object::call::call_raw(&new, &all) }?;
        if base.is(&ctx.list_type()) && !args.is_empty() {
            all[0] = obj.as_raw();
            let init = base.getattr("__init__")?;
            // SAFETY: as above.
            unsafe { crate::object::call::call_raw(&init, &all) }?;
        }
        Ok(obj)
    }
}
