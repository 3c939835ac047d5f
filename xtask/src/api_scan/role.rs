//! Whose code an item is: the user-facing safe API, the runtime of
//! `#[hpy_type]`, or internal.
//!
//! `hpy::class` is a public module, but most of it is what the code that
//! `#[hpy_type]` generates calls (`new_payload`, `ensure_type`,
//! `BuiltinBase::alloc`, often `unsafe`): crediting those items as safe
//! wrappers would overstate the API. In `hpy::class` (and in
//! `hpy::impl_::class`, where such items may move), only the items
//! re-exported outside it (at the crate root or in the prelude: `Field`,
//! `Instance`, `Visit`, ...) are user-facing; the others are labelled
//! [`CLASSES`]. Elsewhere, an `unsafe fn` is not a safe wrapper either.

use super::IN_IMPL;
use std::collections::BTreeSet;

/// The label of the items that only `#[hpy_type]`'s generated code uses.
pub const CLASSES: &str = "used by `#[hpy_type]` (classes)";

/// The label of a public `unsafe fn` outside the class runtime.
pub(super) const UNSAFE: &str = "an `unsafe fn`, not a safe wrapper";

/// The label of a non-public item.
pub(super) const PRIVATE: &str = "private helper";

/// What decides an item's role.
pub(super) struct Facts<'a> {
    /// Its module path (`["class", "payload"]`).
    pub path: &'a [String],
    /// Whether it is reachable from outside the crate.
    pub public: bool,
    pub is_unsafe: bool,
    /// The names that make it user-facing when re-exported: a function's
    /// name, a method's type, a trait implementation's type and trait.
    pub subjects: &'a [String],
}

/// Whether `path` is a module of the class runtime.
fn in_class_runtime(path: &[String]) -> bool {
    match path {
        [first, ..] if first == "class" => true,
        [first, second, ..] => first == "impl_" && second == "class",
        _ => false,
    }
}

/// `(user-facing safe API, why not)` for an item; `exported` holds the
/// names re-exported at the crate root and in its public inline modules.
pub(super) fn role(facts: &Facts<'_>, exported: &BTreeSet<String>) -> (bool, Option<&'static str>) {
    // `ffi` (the entry point and the trampolines' target) is reached only
    // through `impl_`.
    let in_impl = facts.path.first().is_some_and(|m| m == "impl_" || m == "ffi");
    let classes = in_class_runtime(facts.path);
    if !facts.public {
        // The private helpers of the class runtime lend their calls to its
        // items; those of the rest of `impl_` lend to nothing.
        return (false, Some(if in_impl && !classes { IN_IMPL } else { PRIVATE }));
    }
    if classes {
        let user_facing =
            !in_impl && !facts.is_unsafe && facts.subjects.iter().any(|name| exported.contains(name));
        return if user_facing { (true, None) } else { (false, Some(CLASSES)) };
    }
    if in_impl {
        (false, Some(IN_IMPL))
    } else if facts.is_unsafe {
        (false, Some(UNSAFE))
    } else {
        (true, None)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn check(path: &str, public: bool, is_unsafe: bool, subjects: &[&str]) -> (bool, Option<&'static str>) {
        let path: Vec<String> = path.split("::").filter(|s| !s.is_empty()).map(String::from).collect();
        let subjects: Vec<String> = subjects.iter().map(|s| s.to_string()).collect();
        let exported: BTreeSet<String> = ["Field", "Instance", "Handle"].map(String::from).into();
        role(&Facts { path: &path, public, is_unsafe, subjects: &subjects }, &exported)
    }

    #[test]
    fn class_items_are_user_facing_only_when_exported_and_safe() {
        assert_eq!(check("class::field", true, false, &["Field"]), (true, None));
        assert_eq!(check("class::payload", true, false, &["new_payload"]), (false, Some(CLASSES)));
        assert_eq!(check("class::payload", true, true, &["payload"]), (false, Some(CLASSES)));
        assert_eq!(check("class::base", true, true, &["Object", "BuiltinBase"]), (false, Some(CLASSES)));
        assert_eq!(check("class::instance", true, true, &["Instance"]), (false, Some(CLASSES)));
        assert_eq!(check("impl_::class", true, false, &["Instance"]), (false, Some(CLASSES)));
        assert_eq!(check("class::payload", false, false, &["hpy_payload"]), (false, Some(PRIVATE)));
        assert_eq!(check("impl_::class", false, false, &["helper"]), (false, Some(PRIVATE)));
    }

    #[test]
    fn elsewhere_unsafe_fns_and_the_macro_runtime_are_not_safe_wrappers() {
        assert_eq!(check("", true, false, &["Handle"]), (true, None));
        assert_eq!(check("types::capsule", true, true, &["Capsule"]), (false, Some(UNSAFE)));
        assert_eq!(check("impl_::args", true, false, &["extract"]), (false, Some(IN_IMPL)));
        assert_eq!(check("impl_::args", false, false, &["helper"]), (false, Some(IN_IMPL)));
        assert_eq!(check("ffi::entry", true, false, &["RawReturn"]), (false, Some(IN_IMPL)));
        assert_eq!(check("item", false, false, &["status"]), (false, Some(PRIVATE)));
    }
}
