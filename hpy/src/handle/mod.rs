//! Handles: the owned [`Handle`](owned::Handle) that closes itself, the
//! [`Borrowed`](borrowed::Borrowed) one that someone else closes, groups of
//! handles closed together ([`Tracker`](tracker::Tracker)), and handles as
//! `void *`.

pub(crate) mod borrowed;
pub(crate) mod owned;
pub(crate) mod tracker;
mod void_p;
