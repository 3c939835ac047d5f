//! Unit tests of the argument parser (`args.rs`): no interpreter needed.

use super::*;

const DESC: FunctionDescription = FunctionDescription {
    name: "f",
    params: &["a", "b", "c", "d"],
    required: &[true, false, true, false],
    positional_only: 1,
    positional: 2,
    varargs: false,
    varkw: false,
};

fn message(err: HPyErr) -> String {
    err.message().unwrap().into_owned()
}

#[test]
fn lists_names_like_cpython() {
    assert_eq!(quoted_list(&["a"]), "'a'");
    assert_eq!(quoted_list(&["a", "b"]), "'a' and 'b'");
    assert_eq!(quoted_list(&["a", "b", "c"]), "'a', 'b', and 'c'");
}

#[test]
fn too_many_positional() {
    assert_eq!(
        message(DESC.check_positional_count(3, 0).unwrap_err()),
        "f() takes from 1 to 2 positional arguments but 3 were given"
    );
    assert_eq!(
        message(DESC.check_positional_count(3, 1).unwrap_err()),
        "f() takes from 1 to 2 positional arguments but 3 positional arguments \
         (and 1 keyword-only argument) were given"
    );
    let one = FunctionDescription { params: &["a"], required: &[true], positional: 1, ..DESC };
    assert_eq!(
        message(one.check_positional_count(2, 0).unwrap_err()),
        "f() takes 1 positional argument but 2 were given"
    );
    let none = FunctionDescription { params: &[], required: &[], positional: 0, positional_only: 0, ..DESC };
    assert_eq!(
        message(none.check_positional_count(1, 0).unwrap_err()),
        "f() takes 0 positional arguments but 1 was given"
    );
}

#[test]
fn missing_arguments() {
    let null = hpy_sys::HPy_NULL;
    let set = HPy { _i: 8 };
    assert_eq!(
        message(DESC.check_missing(&[null, null, null, null]).unwrap_err()),
        "f() missing 1 required positional argument: 'a'"
    );
    assert_eq!(
        message(DESC.check_missing(&[set, null, null, null]).unwrap_err()),
        "f() missing 1 required keyword-only argument: 'c'"
    );
    assert!(DESC.check_missing(&[set, null, set, null]).is_ok());
}
