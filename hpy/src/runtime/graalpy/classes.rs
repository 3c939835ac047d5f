//! Classes.
//!
//! Python subclasses: GraalPy 24.2 gives an instance of a *Python* subclass
//! of an HPy type no payload. The subclass reports the legacy shape, and
//! `HPy_New`, `_HPy_AsStruct_Object` and `_HPy_AsStruct_Legacy` all answer
//! null for its instances, so the Rust value has nowhere to live. The class
//! statement works (GraalPy calls `__init_subclass__` for the Rust
//! subclasses `HPyType_FromSpec` makes too, so it cannot be refused there);
//! making an instance raises `TypeError` saying why, and a payload is never
//! looked for at null.

use crate::HPyErr;
use crate::Handle;
use crate::exceptions::TypeError;

/// The error for `obj`, an instance of a subclass of the Rust class `name`
/// that GraalPy gave no payload.
#[cold]
pub(crate) fn no_payload(obj: &Handle<'_>, name: &str) -> HPyErr {
    let sub = obj.get_type().getattr("__name__").and_then(|n| n.extract::<String>()).unwrap_or_default();
    HPyErr::new_type::<TypeError>(format!(
        "{sub} objects cannot be created on GraalPy 24.2: its HPy gives the instances of Python \
         subclasses of {name} no payload (a GraalPy bug, see docs/runtimes.md in hpy-rs)"
    ))
}
