// `hasattr` raises what Python's raises (all but AttributeError): the
// result cannot be used as a plain bool, so the error cannot be forgotten.
use hpy::prelude::*;

fn has_name(obj: &Handle<'_>) -> bool {
    if obj.hasattr("name") { true } else { false }
}

fn main() {}
