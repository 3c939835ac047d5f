//! Runtime support for the code that `hpy-macros` generates.
//!
//! Not a public API: anything here may change in any release. It holds
//! argument parsing, the glue of classes, members and slots, and the module
//! glue, and re-exports what generated code needs from the rest of the
//! crate (the class runtime, the FFI entry point and the trampolines).

mod arg_probe;
mod args;
mod buffer;
mod class;
mod field_probe;
mod global_probe;
mod init_form;
mod kwdict;
mod members;
mod module;
mod module_entry;
mod operand_probe;
mod returns;
mod slots;
mod stub_record;

pub use crate::class::base::Anchor;
pub use crate::class::cell::ClassCell;
pub use crate::class::create::{TypeDefs, create_type, ensure_type};
pub use crate::class::init::init_part;
pub use crate::class::payload::{ClassLayout, new_payload, payload, resolve};
pub use crate::ffi::defs::{meth_def, slot_def};
pub use crate::ffi::entry::{IntoReturn, RawReturn, ReturnValue, run};
pub use crate::ffi::shell::{Body, Shell, ShellSignature, run_unraisable};
pub use crate::ffi::target::set_trampoline_context;
pub use crate::ffi::target::{Signature, Slot, Target, erase};
pub use crate::generated::trampolines::{sig, slot};
pub use arg_probe::{ArgProbe, NoHolder, ProbeClassMut, ProbeClassRef, ProbeValue};
pub use args::{
    Extra, FunctionDescription, borrow_arg, empty_kwargs, extract_argument, extract_named, extract_required,
    extract_varargs, required,
};
pub use buffer::{get_buffer, release_buffer};
pub use class::{
    ClassMethods, ClassType, MethodsOf, NoMethodsStub, WithMethods, WithoutMethods, alloc_root,
    assert_payload_alignment, class_cell, class_defines, extract_class_mut, extract_class_ref, receiver,
};
pub use field_probe::{FieldProbe, ProbeNothing, ProbeTraverse};
pub use global_probe::{GlobalProbe, ProbeGlobal, ProbeNotGlobal};
pub use init_form::{DefaultNew, assert_init_form, reinit};
pub use kwdict::DictArgs;
pub use members::{
    MemberField, NoImpl, SharedMemberField, getset_def, member_def, setter_extract, setter_handle,
    value_offset,
};
pub use module::{ModuleDefCell, ModuleItem, module_exec, panic_exception};
#[cfg(feature = "cpython-abi")]
pub use module::{PyModuleDefCell, cpython_module_init};
pub use operand_probe::{OperandClassMut, OperandClassRef, OperandValue};
pub use returns::{InPlace, InPlaceValue, InstanceReceiver, PlainReturned, Returned};
pub use slots::{
    HashValue, SlotValue, UnitResult, construct, construct_checked, create_exception, dup_raw,
    extract_operand, install_function, into_bool, into_hash, into_len, is_exact_instance, ne_from_eq_method,
    negate_eq, no_item_support, not_implemented, operand_cell, operator_result, unit_result,
};
pub use stub_record::{Part, SECTION as STUB_SECTION, ValueHint, record, record_len};

/// How many payloads of classes on `int`/`tuple` are live (for tests).
pub fn live_detached_payloads() -> usize {
    crate::class::live_detached()
}

/// The implementation shells, one per signature (`Shell::SHELL` names them).
pub mod shell {
    pub use crate::generated::shells::*;
}

/// The CPython trampolines and the target they call.
pub mod trampolines {
    pub use crate::ffi::target::{Erased, MethodSignature, Signature, Slot, Target, call_real};
    pub use crate::generated::trampolines::*;
}
