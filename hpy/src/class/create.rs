//! Creating the type object of a Rust class (`HPyType_FromSpec`), in the
//! module's exec hook.

use super::{ClassBase, ClassLayout, HPyClass};
use crate::{HPyErr, HPyResult, Handle, Module};
use core::any::TypeId;
use hpy_sys::{HPyDef, HPyType_Spec, HPyType_SpecParam};
use std::ffi::CString;
use std::sync::{Mutex, MutexGuard, PoisonError};

/// The null-terminated definition list of a type, built once.
pub struct TypeDefs {
    list: Vec<*mut HPyDef>,
}

// SAFETY: the list only points to definitions that live for the whole
// program and are never written.
unsafe impl Send for TypeDefs {}
// SAFETY: as above.
unsafe impl Sync for TypeDefs {}

impl TypeDefs {
    /// The list of `defs`, with its null terminator.
    pub fn new(defs: Vec<&'static HPyDef>) -> TypeDefs {
        let mut list: Vec<*mut HPyDef> = defs.into_iter().map(|d| (d as *const HPyDef).cast_mut()).collect();
        list.push(core::ptr::null_mut());
        TypeDefs { list }
    }

    fn as_ptr(&'static self) -> *mut *mut HPyDef {
        self.list.as_ptr().cast_mut()
    }

    /// The definitions.
    pub(crate) fn iter(&'static self) -> impl Iterator<Item = &'static HPyDef> {
        // SAFETY: the list holds static definitions, then a null.
        self.list.iter().filter(|d| !d.is_null()).map(|&def| unsafe { &*def })
    }

    /// The implementation of `slot`, if the list defines it.
    pub(crate) fn slot_impl(&self, slot: hpy_sys::HPySlot_Slot) -> hpy_sys::HPyCFunction {
        self.list.iter().filter(|d| !d.is_null()).find_map(|&def| {
            // SAFETY: the list holds static definitions; a slot definition's
            // union holds an `HPySlot`.
            unsafe {
                ((*def).kind == hpy_sys::HPyDef_Kind_Slot && (*def).u.slot.slot == slot)
                    .then(|| (*def).u.slot.impl_)
            }
        })?
    }
}

/// The classes whose types the module being executed has created so far
/// (their globals may still hold types of an earlier module object).
static CREATED: Mutex<Vec<TypeId>> = Mutex::new(Vec::new());

fn created() -> MutexGuard<'static, Vec<TypeId>> {
    CREATED.lock().unwrap_or_else(PoisonError::into_inner)
}

/// Starts a module's exec: no class is created in it yet.
pub(crate) fn start_module() {
    created().clear();
}

/// Creates `T`'s type (see [`ensure_type`]) and adds it to the module.
pub fn create_type<T: HPyClass>(module: &Module<'_, '_>) -> HPyResult<()> {
    let ty = ensure_type::<T>(module)?;
    module.setattr(T::NAME, &ty)
}

/// `T`'s type, created if this module has not created it yet: its base
/// class and metaclass first (whatever order the module lists them in),
/// then the type, kept in `T`'s global, with its `after_create` run
/// (static methods, class attributes).
pub fn ensure_type<'ctx, T: HPyClass>(module: &Module<'_, 'ctx>) -> HPyResult<Handle<'ctx>> {
    let ctx = module.ctx();
    if created().contains(&TypeId::of::<T>()) {
        return super::type_object::<T>(ctx);
    }
    if !T::type_global().is_registered() {
        return Err(HPyErr::new_type::<crate::exceptions::RuntimeError>(format!(
            "class {} is used by this module (as a base or a metaclass) but is not in it: \
             add it to the #[hpy_module]",
            T::NAME
        )));
    }
    <T as ClassBase>::prepare(ctx)?;
    let qualified = format!("{}.{}", module.name()?, T::NAME);
    let name = CString::new(qualified)
        .map_err(|_| HPyErr::new_type::<crate::exceptions::ValueError>("NUL in a name"))?;
    // A detached payload lives elsewhere; the one word keeps keys unique.
    let size = if <T as ClassBase>::DETACHED {
        core::mem::size_of::<usize>()
    } else {
        core::mem::size_of::<ClassLayout<T>>()
    };
    let basicsize = i32::try_from(size)
        .map_err(|_| HPyErr::new_type::<crate::exceptions::OverflowError>("the class is too large"))?;
    // `Name(sig)\n--\n\n` gives the class its `__text_signature__`.
    let signature = T::constructor_signature();
    // PyPy keeps the signature in `__doc__` (and has no use for it).
    let doc = match (signature.filter(|_| !crate::runtime::is_pypy()), T::DOC) {
        (Some(sig), doc) => {
            let docs = doc.map(|d| d.to_string_lossy().into_owned()).unwrap_or_default();
            CString::new(format!("{}{sig}\n--\n\n{docs}", T::NAME)).ok()
        }
        (None, Some(doc)) => Some(doc.to_owned()),
        (None, None) => None,
    };
    let gc = if <T as ClassBase>::has_fields() { hpy_sys::HPy_TPFLAGS_HAVE_GC } else { 0 };
    let mut spec = HPyType_Spec {
        name: name.as_ptr(),
        basicsize,
        itemsize: 0,
        flags: hpy_sys::HPy_TPFLAGS_DEFAULT | T::FLAGS | gc,
        builtin_shape: <T as ClassBase>::SHAPE,
        legacy_slots: core::ptr::null_mut(),
        defines: T::defines().as_ptr(),
        doc: doc.as_ref().map_or(core::ptr::null(), |d| d.as_ptr()),
    };
    let base = <T::Base as ClassBase>::base_type(module)?;
    let metaclass = T::metaclass(module)?;
    let mut params = Vec::new();
    if let Some(base) = &base {
        params.push(HPyType_SpecParam { kind: hpy_sys::HPyType_SpecParam_Base, object: base.as_raw() });
    }
    if let Some(metaclass) = &metaclass {
        params.push(HPyType_SpecParam {
            kind: hpy_sys::HPyType_SpecParam_Metaclass,
            object: metaclass.as_raw(),
        });
    }
    params.push(HPyType_SpecParam { kind: hpy_sys::HPyType_SpecParam_Kind(0), object: hpy_sys::HPy_NULL });
    // SAFETY: the spec and the parameters are valid for the call (HPy copies
    // the name; the definitions are static); the handles in `params` are open.
    let ty = unsafe { ctx.wrap(hpy_sys::HPyType_FromSpec(ctx.as_raw(), &mut spec, params.as_mut_ptr())) }?;
    T::init_metaclass_data(&ty)?;
    T::type_global().store(&ty);
    created().push(TypeId::of::<T>());
    if crate::runtime::is_pypy() {
        // PyPy ignores `HPy_TPFLAGS_BASETYPE`, and aborts when it finalizes
        // a Python subclass's instance (runtime/pypy/classes.rs).
        let finalized = [hpy_sys::HPy_tp_destroy, hpy_sys::HPy_tp_finalize];
        if T::FLAGS & hpy_sys::HPy_TPFLAGS_BASETYPE == 0 {
            crate::runtime::pypy::refuse_python_subclasses(
                &ty,
                crate::runtime::pypy::not_a_base(&ty, T::NAME)?,
            )?;
        } else if finalized.iter().any(|&slot| T::defines().slot_impl(slot).is_some()) {
            crate::runtime::pypy::refuse_python_subclasses(
                &ty,
                crate::runtime::pypy::finalizer_bug(T::NAME),
            )?;
        }
        crate::runtime::pypy::install_attributes::<T>(&ty)?;
    }
    T::after_create(&ty, module)?;
    Ok(ty)
}
