//! Handles: the owned [`Handle`](owned::Handle) that closes itself, the
//! [`Borrowed`](borrowed::Borrowed) one that someone else closes, groups of
//! handles closed together ([`Tracker`](tracker::Tracker)), handles as
//! `void *`, and (in the CPython ABI) handles as `PyObject *`.

pub(crate) mod borrowed;
pub(crate) mod owned;
#[cfg(feature = "cpython-abi")]
pub(crate) mod py_object;
pub(crate) mod tracker;
mod void_p;
