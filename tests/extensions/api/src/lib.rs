//! Test extension: every safe wrapper of the HPy context, each behind a
//! small function that `tests/python/test_api_*.py` calls in the three HPy
//! modes. The functions live in one file per area and are exported here.

mod calls;
mod containers;
mod errors;
mod numbers;
mod objects;
mod runtime;

use hpy::prelude::*;

/// Every safe wrapper of the HPy 0.9 context, for the tests.
#[hpy_module]
mod api {
    #[hpy(export)]
    use crate::objects::{
        builtin_shape, compare, contains, del_item, delattr_by, downcast_list, dump, get_item,
        get_item_usize, getattr_both, hasattr_both, hasattr_ignoring_errors, hash, identity, is_a_type,
        is_instance, is_subtype, is_true, length, new_str, rich_compare, set_item, setattr_by, texts,
        to_bytes, type_of, u64_key_round_trip, void_p_round_trip,
    };

    #[hpy(export)]
    use crate::numbers::{binary, convert, is_number, new_bools, operators, power, unary};

    #[hpy(export)]
    use crate::containers::{
        build, build_misuse, bytes_checked, bytes_make, dict_make, list_append, list_make, slice_indices,
        str_decode, str_encode, str_make, str_read_char, str_substring, str_utf8, tuple_make,
    };

    #[hpy(export)]
    use crate::calls::{
        call_keywords, call_many, call_methods, call_positional, call_tuple_dict, is_callable, iterate,
        iterate_until_error,
    };

    #[hpy(export)]
    use crate::errors::{
        call_unraisable, error_indicator, fatal_error, new_exception, open_file, raise_errno, raise_message,
        raise_no_memory, raise_object, warn,
    };

    #[hpy(export)]
    use crate::runtime::{
        builtins, capsule_get, capsule_info, capsule_new, capsule_raw_setters, capsule_rename, clear_flag,
        compile, compile_eval, context_var, context_var_get, context_var_set, dropped, eval_code,
        global_swap, import_module, panic_without_gil, set_flag, track, wait_for_flag,
    };

    /// What `global_swap` keeps: a global the module lists (a `static` in it).
    pub(crate) static STORED: hpy::Global = hpy::Global::new();
}
