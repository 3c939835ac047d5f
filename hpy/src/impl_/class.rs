//! Runtime support for `#[hpy_type]` and `#[hpy_methods]`.

use super::trampolines::Target;
use crate::class::{BuiltinBase, ClassBase, ClassLayout, HPyClass, Instance, TypeDefs, Visit};
use crate::ffi::shell::{Body, Shell};
use crate::impl_::sig;
use crate::{Ctx, HPyErr, HPyResult, Handle, Module};
use core::ffi::{c_int, c_void};
use core::marker::PhantomData;
use core::mem::ManuallyDrop;
use hpy_sys::{HPy, HPyDef, HPyFunc_visitproc};
use std::panic::{AssertUnwindSafe, catch_unwind};

/// What `#[hpy_methods]` contributes to a class.
///
/// # Safety
/// Every definition must have an implementation of its declared signature
/// that treats `self` as an instance of `Self`.
pub unsafe trait ClassMethods: HPyClass {
    /// Whether the block has a `#[new]` constructor.
    const HAS_NEW: bool;

    /// The constructor's signature, `(x, y=0)`, for the class's
    /// `__text_signature__`.
    const NEW_SIGNATURE: Option<&'static str> = None;

    /// The stub records of the block's methods (see `stub_record.rs`).
    const STUB: &'static [super::Part] = &[];

    /// The type's definitions: methods, slots, getsets.
    fn defs(list: &mut Vec<&'static HPyDef>);

    /// Definitions that must be module functions (static and class
    /// methods): HPy 0.9 has no flag for them on a type.
    fn module_defs(_list: &mut Vec<&'static HPyDef>) {}

    /// Runs after the type is created: installs static and class methods
    /// and class attributes.
    fn install(_ty: &Handle<'_>, _module: &Module<'_, '_>) -> HPyResult<()> {
        Ok(())
    }
}

/// Finds a class's `#[hpy_methods]`, or nothing, without requiring one
/// (autoref specialization: `(&MethodsOf::<T>::NEW).defs(..)`).
pub struct MethodsOf<T>(PhantomData<T>);

impl<T> MethodsOf<T> {
    /// The probe for `T`.
    pub const NEW: MethodsOf<T> = MethodsOf(PhantomData);
}

/// The methods of a class that has a `#[hpy_methods]` block.
pub trait WithMethods {
    /// See [`ClassMethods::HAS_NEW`].
    fn has_new(&self) -> bool;
    /// See [`ClassMethods::NEW_SIGNATURE`].
    fn new_signature(&self) -> Option<&'static str>;
    /// See [`ClassMethods::defs`].
    fn defs(&self, list: &mut Vec<&'static HPyDef>);
    /// See [`ClassMethods::module_defs`].
    fn module_defs(&self, list: &mut Vec<&'static HPyDef>);
    /// See [`ClassMethods::install`].
    fn install(&self, ty: &Handle<'_>, module: &Module<'_, '_>) -> HPyResult<()>;
}

impl<T: ClassMethods> WithMethods for MethodsOf<T> {
    fn has_new(&self) -> bool {
        T::HAS_NEW
    }
    fn new_signature(&self) -> Option<&'static str> {
        T::NEW_SIGNATURE
    }
    fn defs(&self, list: &mut Vec<&'static HPyDef>) {
        T::defs(list)
    }
    fn module_defs(&self, list: &mut Vec<&'static HPyDef>) {
        T::module_defs(list)
    }
    fn install(&self, ty: &Handle<'_>, module: &Module<'_, '_>) -> HPyResult<()> {
        T::install(ty, module)
    }
}

/// The methods of a class without a `#[hpy_methods]` block: none.
pub trait WithoutMethods {
    /// No constructor.
    fn has_new(&self) -> bool {
        false
    }
    /// No constructor signature.
    fn new_signature(&self) -> Option<&'static str> {
        None
    }
    /// No definitions.
    fn defs(&self, _list: &mut Vec<&'static HPyDef>) {}
    /// No module functions.
    fn module_defs(&self, _list: &mut Vec<&'static HPyDef>) {}
    /// Nothing to install.
    fn install(&self, _ty: &Handle<'_>, _module: &Module<'_, '_>) -> HPyResult<()> {
        Ok(())
    }
}

impl<T> WithoutMethods for &MethodsOf<T> {}

impl<T: ClassMethods> MethodsOf<T> {
    /// The stub records of the class's `#[hpy_methods]` (an inherent
    /// constant: it wins over [`NoMethodsStub`]'s when `T` has methods).
    pub const STUB: &'static [super::Part] = T::STUB;
}

/// The stub records of a class without `#[hpy_methods]`: none.
pub trait NoMethodsStub {
    /// No records.
    const STUB: &'static [super::Part] = &[];
}

impl<T> NoMethodsStub for MethodsOf<T> {}

/// `tp_destroy`: drops the Rust value (without touching the interpreter).
///
/// # Safety
/// Called by HPy with the payload of a dying instance of `T`.
unsafe extern "C" fn destroy<T: HPyClass>(ptr: *mut c_void) {
    // SAFETY: HPy passes the payload, or the object's start (see `Anchor`).
    let Some(payload) = (unsafe { crate::class::payload::resolve::<T>(ptr) }) else { return };
    let layout = payload.cast::<ClassLayout<T>>();
    // SAFETY: HPy calls this once per object, when nothing uses it any more.
    let dropped = catch_unwind(AssertUnwindSafe(|| unsafe { (*layout).cell.destroy() }));
    if let Err(payload) = dropped {
        crate::ffi::entry::drop_panic_payload(payload);
        // No exception can be raised here (no context): report and go on.
        let _ = std::io::Write::write_all(
            &mut std::io::stderr(),
            format!("hpy: a panic in the Drop of a {} was ignored\n", T::NAME).as_bytes(),
        );
    }
    // SAFETY: HPy's pointer; this class's value was just dropped (and the
    // derived classes' before it).
    unsafe { crate::class::release::<T>(ptr) };
}

/// `tp_traverse`: reports every `Field` of the instance (base classes' too).
///
/// # Safety
/// Called by HPy with the payload of an instance of `T`.
unsafe extern "C" fn traverse<T: HPyClass>(
    ptr: *mut c_void,
    visit: HPyFunc_visitproc,
    arg: *mut c_void,
) -> c_int {
    // SAFETY: HPy passes the payload, or the object's start (see `Anchor`).
    let Some(payload) = (unsafe { crate::class::payload::resolve::<T>(ptr) }) else { return 0 };
    // SAFETY: the payload is an instance's layout; traversal only reads fields.
    let layout = unsafe { &*payload.cast::<ClassLayout<T>>() };
    let mut visit = Visit::new(visit, arg);
    match catch_unwind(AssertUnwindSafe(|| <T as ClassBase>::traverse_layout(layout, &mut visit))) {
        Ok(status) => status,
        Err(payload) => {
            // Reporting fewer fields only keeps objects alive longer.
            crate::ffi::entry::drop_panic_payload(payload);
            0
        }
    }
}

struct DestroyTarget<T>(PhantomData<T>);
// SAFETY: `destroy::<T>` has the `HPyFunc_DESTROYFUNC` signature.
unsafe impl<T: HPyClass> Target for DestroyTarget<T> {
    type Sig = crate::impl_::sig::Destroyfunc;
    const IMPL: <Self::Sig as crate::impl_::Signature>::Impl = destroy::<T>;
}

struct TraverseTarget<T>(PhantomData<T>);
// SAFETY: `traverse::<T>` has the `HPyFunc_TRAVERSEPROC` signature.
unsafe impl<T: HPyClass> Target for TraverseTarget<T> {
    type Sig = crate::impl_::sig::Traverseproc;
    const IMPL: <Self::Sig as crate::impl_::Signature>::Impl = traverse::<T>;
}

/// `tp_new` of a class without a constructor: it cannot be instantiated
/// from Python (an uninitialized instance would have no Rust value).
struct NoNewTarget<T>(PhantomData<T>);

// SAFETY: the body returns no handle, only an error.
unsafe impl<T: HPyClass> Body<sig::Newfunc> for NoNewTarget<T> {
    #[inline]
    unsafe fn call(_: Ctx<'_>, _: (HPy, *const HPy, isize, HPy)) -> HPyResult<HPy> {
        Err(HPyErr::new_type::<crate::exceptions::TypeError>(format!(
            "cannot create '{}' instances: the class has no #[new] constructor",
            T::NAME
        )))
    }
}

// SAFETY: the implementation is the shell running the body above.
unsafe impl<T: HPyClass> Target for NoNewTarget<T> {
    type Sig = sig::Newfunc;
    const IMPL: <Self::Sig as crate::impl_::Signature>::Impl = <sig::Newfunc as Shell<Self>>::SHELL;
}

/// Whether `destroy::<T>` has work to do: a value to drop or a detached
/// payload to free. (`ClassLayout` keeps values in `MaybeUninit`, which
/// never needs dropping: the question is about `T` itself.) Classes with
/// `Field`s, and classes on another Rust class, keep it in any case.
fn needs_destroy<T: HPyClass>() -> bool {
    core::mem::needs_drop::<T>()
        || <T as ClassBase>::DETACHED
        || <T as ClassBase>::has_fields()
        || !<T::Base as ClassBase>::BUILTIN
}

fn leak(def: HPyDef) -> &'static HPyDef {
    Box::leak(Box::new(def))
}

/// The definition list of `T`: its own (members, getsets from fields), its
/// methods, `tp_destroy`, `tp_traverse` when it holds fields, and a `tp_new`
/// that refuses when it has no constructor.
pub fn class_defines<T: HPyClass>(
    own: &[&'static HPyDef],
    methods: &dyn Fn(&mut Vec<&'static HPyDef>),
    has_new: bool,
) -> TypeDefs {
    let mut list: Vec<&'static HPyDef> = own.to_vec();
    methods(&mut list);
    // A class with nothing to drop and nothing to release needs no
    // `tp_destroy`: without one, CPython frees the object through its
    // usual (cheaper) deallocator.
    if needs_destroy::<T>() {
        list.push(leak(super::slot_def::<crate::impl_::slot::HPy_tp_destroy, DestroyTarget<T>>()));
    }
    if <T as ClassBase>::has_fields() {
        list.push(leak(super::slot_def::<crate::impl_::slot::HPy_tp_traverse, TraverseTarget<T>>()));
    }
    // A metaclass keeps `type`'s constructor (HPy refuses a metaclass
    // with its own `tp_new`); its data is initialized by `create_type`.
    if !has_new && <T as ClassBase>::SHAPE != hpy_sys::HPyType_BuiltinShape_Type {
        list.push(leak(super::slot_def::<crate::impl_::slot::HPy_tp_new, NoNewTarget<T>>()));
    }
    if crate::runtime::is_pypy() {
        crate::runtime::pypy::add_reflected::<T>(&mut list);
        crate::runtime::pypy::add_attribute_method::<T>(&mut list);
        crate::runtime::pypy::strip_method_signatures(&mut list);
        crate::runtime::pypy::add_pickling_refusal::<T>(&mut list);
    }
    TypeDefs::new(list)
}

/// The receiver of a method: the instance `self`, borrowed for the call.
///
/// # Safety
/// `raw` must be the `self` HPy passed to a method of `T`'s type (so an
/// instance of `T` or of a subclass), open for the call.
#[inline(always)]
pub unsafe fn receiver<'ctx, T: HPyClass>(
    ctx: Ctx<'ctx>,
    raw: HPy,
) -> HPyResult<ManuallyDrop<Instance<'ctx, T>>> {
    // SAFETY: `self` is borrowed: wrapped without a new handle, never closed.
    let handle = ManuallyDrop::new(unsafe { Handle::from_raw(ctx, raw) });
    // SAFETY: forwarded from the caller.
    let payload = unsafe { crate::class::payload::payload::<T>(&handle) }?;
    // SAFETY: `payload` is the payload of `handle`, an instance of `T`.
    Ok(ManuallyDrop::new(unsafe { Instance::from_parts(ManuallyDrop::into_inner(handle), payload) }))
}

/// The type object of `T`, loaded once for several checks (a binary
/// operator checks both operands).
pub struct ClassType<'ctx, T: HPyClass> {
    ty: Handle<'ctx>,
    _class: PhantomData<T>,
}

impl<'ctx, T: HPyClass> ClassType<'ctx, T> {
    /// Loads `T`'s type.
    #[inline]
    pub fn load(ctx: Ctx<'ctx>) -> HPyResult<Self> {
        Ok(ClassType { ty: crate::class::type_object::<T>(ctx)?, _class: PhantomData })
    }

    /// Whether `obj` is an instance of `T` (or of a subclass).
    #[inline]
    pub fn contains(&self, obj: &Handle<'_>) -> bool {
        // SAFETY: both are open and `ty` is a type.
        unsafe { hpy_sys::HPy_TypeCheck(obj.ctx().as_raw(), obj.as_raw(), self.ty.as_raw()) != 0 }
    }

    /// The cell of `obj` if it is an instance of `T`, else `None`.
    #[inline]
    pub fn cell_of<'a>(&self, obj: &'a Handle<'_>) -> HPyResult<Option<&'a crate::class::ClassCell<T>>> {
        if !self.contains(obj) {
            return Ok(None);
        }
        // SAFETY: `obj` is an instance of `T` (just checked).
        let payload = unsafe { crate::class::payload::payload::<T>(obj) }?;
        // SAFETY: its payload is `T`'s layout, alive as long as the object,
        // which the borrow of `obj` keeps open.
        Ok(Some(unsafe { &(*payload.cast::<ClassLayout<T>>()).cell }))
    }
}

/// Creates an instance of `cls` (a subtype of `T`, a class on a builtin
/// base) with the builtin's constructor arguments; returns it and its
/// payload (of `layout`, the most derived class's), anchored.
///
/// # Safety
/// As for [`IntoInstance::create`](crate::class::IntoInstance::create):
/// `cls` is `T`'s type or a subtype, `layout` the most derived class's.
pub unsafe fn alloc_root<'ctx, T: HPyClass>(
    cls: &Handle<'ctx>,
    args: impl crate::IntoArgs<'ctx>,
    layout: core::alloc::Layout,
) -> HPyResult<(Handle<'ctx>, *mut c_void)>
where
    T::Base: BuiltinBase,
{
    if crate::runtime::is_pypy() && layout.align() > crate::runtime::pypy::PAYLOAD_ALIGN {
        return Err(crate::runtime::pypy::over_aligned(T::NAME));
    }
    // SAFETY: `with_args` passes handles open in this call.
    let (obj, reported) =
        args.with_args(cls.ctx(), |raw| unsafe { <T::Base as BuiltinBase>::alloc(cls, raw) })??;
    // SAFETY: a new instance of `cls`, per the caller a subtype of `T`, with
    // the payload HPy reported.
    let payload = unsafe { crate::class::payload::new_payload::<T>(&obj, layout, reported) };
    if payload.is_null() {
        return Err(crate::runtime::graalpy::no_payload(&obj, T::NAME));
    }
    Ok((obj, payload))
}

/// Borrows argument `index` as `&T` (a class instance) for the call.
pub fn extract_class_ref<'a, T: HPyClass>(
    obj: &'a Handle<'_>,
    desc: &super::FunctionDescription,
    index: usize,
) -> HPyResult<crate::class::Ref<'a, T>> {
    let cell = class_cell::<T>(obj).map_err(|e| e.for_argument(desc.name, desc.params[index]))?;
    cell.try_borrow()
}

/// The alignment HPy guarantees for an object's data: objects come from
/// the interpreter's allocator (CPython's aligns to 16 bytes on 64-bit
/// machines, 8 on 32-bit ones) and the data starts at a multiple of 16
/// bytes after the object's start.
pub const PAYLOAD_ALIGN: usize = 2 * core::mem::size_of::<usize>();

/// Fails to compile for a class whose value needs a larger alignment than
/// HPy gives an object's data (a payload kept outside the object, for
/// classes on `int` and `tuple`, is allocated with the value's alignment).
pub const fn assert_payload_alignment<T: HPyClass>() {
    assert!(
        <T as ClassBase>::DETACHED || core::mem::align_of::<ClassLayout<T>>() <= PAYLOAD_ALIGN,
        "this class's value needs a larger alignment than HPy guarantees for an object's data \
         (16 bytes; 8 on 32-bit machines): keep the over-aligned data behind a `Box`"
    );
}

/// Borrows argument `index` as `&mut T` (a class instance) for the call.
pub fn extract_class_mut<'a, T: crate::class::Mutable>(
    obj: &'a Handle<'_>,
    desc: &super::FunctionDescription,
    index: usize,
) -> HPyResult<crate::class::RefMut<'a, T>> {
    let cell = class_cell::<T>(obj).map_err(|e| e.for_argument(desc.name, desc.params[index]))?;
    cell.try_borrow_mut()
}

/// The cell of `obj`, an instance of `T`, borrowed as long as the handle.
pub fn class_cell<'a, T: HPyClass>(obj: &'a Handle<'_>) -> HPyResult<&'a crate::class::ClassCell<T>> {
    let payload = crate::class::downcast::<T>(obj)?;
    // SAFETY: `obj` is an instance of `T`: its payload is `T`'s layout, alive
    // as long as the object, which the borrow of `obj` keeps open.
    Ok(unsafe { &(*payload.cast::<ClassLayout<T>>()).cell })
}
