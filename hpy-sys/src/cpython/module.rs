//! A module's `HPyModuleDef` as the `PyModuleDef` of multi-phase init:
//! methods become `PyMethodDef`s with their CPython trampolines, the exec
//! slot a `Py_mod_exec` slot, and on 3.12 a slot saying that the module
//! cannot be loaded into several interpreters.

use super::method_def::method_def;
use crate::*;
use alloc::vec::Vec;
use core::ffi::{CStr, c_char, c_void};
use pyo3_ffi as ffi;

/// The methods and slots of `def`, each list ending with its sentinel, or
/// why the CPython ABI cannot make them (yet).
///
/// # Safety
/// `def` must be a valid module definition.
unsafe fn convert(
    def: &HPyModuleDef,
) -> Result<(Vec<ffi::PyMethodDef>, Vec<ffi::PyModuleDef_Slot>), &'static CStr> {
    if def.size != 0 {
        return Err(c"HPyModuleDef.size must be 0: HPy 0.9 has no module state");
    }
    if !def.legacy_methods.is_null() {
        return Err(c"legacy methods are not supported in the CPython ABI yet");
    }
    let (mut methods, mut slots) = (Vec::new(), Vec::new());
    let mut define = def.defines;
    // SAFETY: `defines` is a null-terminated array of definitions.
    while let Some(d) = unsafe { define.as_ref().and_then(|d| d.as_ref()) } {
        define = define.wrapping_add(1);
        match d.kind {
            HPyDef_Kind_Meth => {
                // SAFETY: the kind says which member of the union is set.
                methods.push(method_def(unsafe { &d.u.meth })?);
            }
            HPyDef_Kind_Slot => {
                // SAFETY: as above.
                let slot = unsafe { &d.u.slot };
                match (slot.slot, slot.cpy_trampoline) {
                    // The INQUIRY trampoline has the C type of `Py_mod_exec`.
                    (HPy_mod_exec, Some(trampoline)) => slots.push(ffi::PyModuleDef_Slot {
                        slot: ffi::Py_mod_exec,
                        value: trampoline as *mut c_void,
                    }),
                    (HPy_mod_create, _) => {
                        return Err(c"HPy_mod_create is not implemented in the CPython ABI yet");
                    }
                    _ => return Err(c"a module definition holds a slot that is not a module slot"),
                }
            }
            _ => return Err(c"a module definition holds a member or a getset"),
        }
    }
    methods.push(ffi::PyMethodDef::zeroed());
    // `Global`s are statics of the process, so a module cannot have one
    // instance per interpreter (3.12 added the slot; 3.8-3.11 refuse it).
    #[cfg(Py_3_12)]
    slots.push(ffi::PyModuleDef_Slot {
        slot: ffi::Py_mod_multiple_interpreters,
        value: ffi::Py_MOD_MULTIPLE_INTERPRETERS_NOT_SUPPORTED,
    });
    slots.push(ffi::PyModuleDef_Slot { slot: 0, value: core::ptr::null_mut() });
    Ok((methods, slots))
}

/// Converts `def` into a `PyModuleDef` named `name`, which lives for the
/// rest of the process; null with `SystemError` set for what the CPython
/// ABI does not support yet.
///
/// # Safety
/// `def` must be a valid module definition whose definitions are static,
/// with the interpreter's lock held.
pub unsafe fn module_def(def: &HPyModuleDef, name: &'static CStr) -> *mut ffi::PyModuleDef {
    // SAFETY: forwarded from the caller.
    let (methods, slots) = match unsafe { convert(def) } {
        Ok(lists) => lists,
        Err(message) => {
            // SAFETY: the lock is held; the message is a C string.
            unsafe { ffi::PyErr_SetString(ffi::PyExc_SystemError, message.as_ptr()) };
            return core::ptr::null_mut();
        }
    };
    let module = alloc::boxed::Box::new(ffi::PyModuleDef {
        m_base: ffi::PyModuleDef_HEAD_INIT,
        m_name: name.as_ptr(),
        m_doc: def.doc as *const c_char,
        m_size: 0,
        m_methods: methods.leak().as_mut_ptr(),
        m_slots: slots.leak().as_mut_ptr(),
        m_traverse: None,
        m_clear: None,
        m_free: None,
    });
    alloc::boxed::Box::leak(module)
}
