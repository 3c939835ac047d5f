"""Known differences of GraalPy 24.2.2's HPy that the `hpy` crate cannot work
around, by test id (`file::test` for every parametrization, or
`file::test[param]`), applied by `conftest.py` on GraalPy only.

- `crashes(mode)`: tests that end the GraalPy process (skipped, with the bug);
- `bugs(mode)`: tests that fail because of a GraalPy bug (strict xfail).

docs/runtimes.md describes each bug; tests/conformance/reproducers holds C
reproducers where one could be written.
"""

SMALL_STACK = (
    "a thread with a 512 KiB stack is too small for GraalPy's interpreter: RecursionError in "
    "threading, a NULL handle from HPy_Type (universal), SIGABRT (debug)"
)

CRASHES = {
    "test_api_calls.py::test_calls_and_tuples_with_many_arguments": SMALL_STACK,
    # Seen in universal mode only (skipped in every mode: each try costs minutes).
    "test_hostile_input.py::test_hostile_input_is_survived_without_wrong_errors_or_leaks": (
        "the process exits (status 1, no message) before the test's first hostile call "
        "(HOSTILE_TRACE=1 printed none); not analysed"
    ),
}

RICH_COMPARE = "HPy_RichCompare / HPy_RichCompareBool differ from Python's operators (`!=` agrees)"
HUGE_SLICE = "HPySlice_AdjustIndices clamps huge bounds to Java int (+-(2**31-1)) instead of Py_ssize_t"

NO_PAYLOAD = (
    "instances of Python subclasses of an HPy type get no payload, so the crate refuses to make them "
    "(reproducer python_subclass_payload)"
)
TYPE_NAME = "GraalPy names an HPy type without its module in its own error messages ('Array', not 'floatarray.Array')"
DOC_HEAD = "__doc__ keeps the `name(signature)\\n--\\n\\n` head of a function's docstring"
TEXT_SIGNATURE = "inspect.signature does not read the text signature of HPy functions and types"
KEYWORD_NEW = (
    "calling an HPy class with a keyword argument (`Point(1, label='q')`) raises "
    "SystemError: bad argument to internal function"
)
NO_DELETE = "deleting an attribute whose HPyDef_SET refuses deletion raises GraalPy's TypeError, not AttributeError"
ARG_MESSAGES = "GraalPy's own argument-error messages (it names keyword '2' for 'd', another unexpected keyword)"
NOT_COLLECTED = (
    "objects reachable only through HPyFields (a cycle through Rust objects, a field's old value) are not "
    "collected by gc.collect() within the test"
)
SURROGATE_PAIR = (
    "a str of two lone surrogates that form a pair ('\\ud800\\udc00') reaches HPy as the one character they pair to"
)

BUGS = {
    # test_api_calls.py
    "test_api_calls.py::test_iteration_looks_special_methods_up_on_the_type_as_python_does": (
        "GraalPy's own message for iterating an object whose __iter__ is None"
    ),
    # test_api_containers.py
    "test_api_containers.py::test_str_decoders": "HPyUnicode_Decode* do not raise UnicodeDecodeError on bad input",
    "test_api_containers.py::test_str_encoders": "HPyUnicode_As*String raise another error than CPython on unencodable text",
    "test_api_containers.py::test_slices_as_python_adjusts_them[0-slice(1180591620717411303424, "
    "-1180591620717411303424, -1180591620717411303424)]": HUGE_SLICE,
    "test_api_containers.py::test_slices_as_python_adjusts_them[1-slice(1180591620717411303424, "
    "-1180591620717411303424, -1180591620717411303424)]": HUGE_SLICE,
    "test_api_containers.py::test_slices_as_python_adjusts_them[7-slice(1180591620717411303424, "
    "-1180591620717411303424, -1180591620717411303424)]": HUGE_SLICE,
    # test_api_errors.py
    "test_api_errors.py::test_raise_with_an_object": "HPyErr_SetObject(type, (1, 2)) gives args ((1, 2),), not (1, 2)",
    "test_api_errors.py::test_errno_with_other_types_and_codes": (
        "HPyErr_SetFromErrnoWithFilename decodes a non-UTF-8 file name with replacement characters, "
        "not surrogateescape"
    ),
    # test_api_numbers.py
    "test_api_numbers.py::test_binary_operations_on_ints[floor_div]": (
        "HPyNumber_FloorDivide(-7, 2) truncates (-3) instead of flooring (-4)"
    ),
    "test_api_numbers.py::test_int_conversions_with_overflow_errors[as_u32]": (
        "HPyLong_AsUInt32_t out of range raises TypeError, not OverflowError"
    ),
    # test_api_objects.py
    "test_api_objects.py::test_builtin_shape_of_types_hpy_did_not_make": (
        "_HPyType_GetBuiltinShape of a type HPy did not make is not -1 (legacy)"
    ),
    "test_api_objects.py::test_rich_comparison[<]": RICH_COMPARE,
    "test_api_objects.py::test_rich_comparison[<=]": RICH_COMPARE,
    "test_api_objects.py::test_rich_comparison[==]": RICH_COMPARE,
    "test_api_objects.py::test_rich_comparison[>]": RICH_COMPARE,
    "test_api_objects.py::test_rich_comparison[>=]": RICH_COMPARE,
    "test_api_objects.py::test_an_object_equals_itself_in_compare": (
        "HPy_RichCompareBool has no identity shortcut (nan == nan is False)"
    ),
    # test_api_runtime.py
    "test_api_runtime.py::test_capsule_owns_a_rust_value_and_drops_it": (
        "collecting a capsule with a destructor crashes GraalPy, so the crate gives it none: the value is leaked"
    ),
    "test_api_runtime.py::test_capsule_name_checks": (
        "collecting a capsule with a destructor crashes GraalPy, so the crate gives it none"
    ),
    "test_api_runtime.py::test_context_variables": "HPyContextVar_Get / Set differ from contextvars",
    "test_api_runtime.py::test_eval_refuses_code_with_free_variables_as_python_does": (
        "HPy_EvalCode runs code with free variables instead of raising TypeError"
    ),
    "test_api_runtime.py::test_eval_locals_must_be_a_mapping_as_in_python": (
        "HPy_EvalCode accepts locals that are not a mapping"
    ),
    "test_api_runtime.py::test_released_gil_runs_in_parallel_with_a_python_thread": (
        "another Python thread does not run while an extension has released the GIL"
    ),
    # test_conversions.py
    "test_conversions.py::test_sequence_length_errors_propagate_and_are_not_trusted": (
        "HPy_Length of an object whose __len__ returns 2**40 raises OverflowError (a Java int length)"
    ),
    # test_floatarray.py
    "test_floatarray.py::test_class_and_static_methods_and_subclasses": NO_PAYLOAD,
    "test_floatarray.py::test_buffer_protocol_shares_memory": (
        "the buffer slots of an HPy type are not used: bytes(obj) raises TypeError"
    ),
    # test_guide.py
    "test_guide.py::test_session[classes.md:52]": TYPE_NAME,
    "test_guide.py::test_session[functions.md:17]": DOC_HEAD,
    # test_hello.py
    "test_hello.py::test_square_is_one_positional_argument": (
        "GraalPy's own message for a missing argument of a one-argument function"
    ),
    "test_hello.py::test_docstrings": DOC_HEAD,
    "test_hello.py::test_signatures": "inspect.signature does not read the text signature of HPy functions",
    # test_classes.py
    "test_classes.py::test_construction_and_methods": KEYWORD_NEW,
    "test_classes.py::test_class_metadata": "a class's __doc__ keeps the `Name(signature)` head of its docstring",
    "test_classes.py::test_class_signatures": TEXT_SIGNATURE,
    "test_classes.py::test_member_and_getset": NO_DELETE,
    "test_classes.py::test_class_methods_receive_the_subclass": NO_PAYLOAD,
    "test_classes.py::test_classes_not_declared_subclass_are_no_bases": TYPE_NAME,
    "test_classes.py::test_python_subclass": NO_PAYLOAD,
    "test_classes.py::test_writable_buffer_and_exports": (
        "the buffer slots of an HPy type are not used: bytes(obj) raises TypeError"
    ),
    "test_classes.py::test_binary_operators_both_ways[divmod-7-3]": (
        "divmod(int, obj) does not call the HPy type's nb_divmod"
    ),
    "test_classes.py::test_binary_operators_both_ways[pow-3-4]": "pow(int, obj) does not call the HPy type's nb_power",
    "test_classes.py::test_three_argument_pow_with_the_instance_second": (
        "pow(3, obj, 5) raises TypeError instead of calling nb_power (reproducer three_argument_pow)"
    ),
    "test_classes.py::test_reference_cycle_through_rust_objects_is_collected": NOT_COLLECTED,
    "test_classes.py::test_fields_inside_user_types_are_traversed": NOT_COLLECTED,
    "test_classes.py::test_python_subclass_of_a_rust_subclass": NO_PAYLOAD,
    "test_classes.py::test_builtin_shapes": "instances of an HPy class on the float or int shape get no payload",
    "test_classes.py::test_builtin_shape_list": "instances of an HPy class on the list shape get no payload",
    "test_classes.py::test_new_refuses_classes_that_are_not_subclasses": NO_PAYLOAD,
    "test_classes.py::test_new_static_method_of_a_builtin_based_class": (
        "instances of an HPy class on the float shape get no payload"
    ),
    "test_classes.py::test_variable_sized_builtin_shapes": (
        "instances of an HPy class on a variable-sized built-in shape get no payload"
    ),
    "test_classes.py::test_frozen_class_and_readonly_member": (
        "GraalPy's own message for a read-only member ('... is not writable')"
    ),
    "test_classes.py::test_members_of_every_type": "an HPyMember_UBYTE member is read as signed (255 gives -1)",
    "test_classes.py::test_init_and_reentrant_borrows_raise": NO_PAYLOAD,
    # test_conversion_properties.py
    "test_conversion_properties.py::test_strings_round_trip_or_raise_unicode_encode_error": SURROGATE_PAIR,
    "test_conversion_properties.py::test_chars_round_trip_or_raise": SURROGATE_PAIR,
    # test_hygiene.py
    "test_hygiene.py::test_class_methods_and_accessors": KEYWORD_NEW,
    "test_hygiene.py::test_class_method_and_subclass": NO_PAYLOAD,
    # test_signatures.py
    "test_signatures.py::test_same_results_and_errors_as_python[pos_or_kw]": ARG_MESSAGES,
    "test_signatures.py::test_same_results_and_errors_as_python[positional_only]": ARG_MESSAGES,
    "test_signatures.py::test_same_results_and_errors_as_python[mixed]": ARG_MESSAGES,
    "test_signatures.py::test_same_results_and_errors_as_python[keyword_only]": ARG_MESSAGES,
    "test_signatures.py::test_same_results_and_errors_as_python[star_args]": ARG_MESSAGES,
    "test_signatures.py::test_same_results_and_errors_as_python[optional]": ARG_MESSAGES,
    "test_signatures.py::test_one_positional_argument_uses_cpythons_own_checks": (
        "GraalPy's own message for a missing argument of a one-argument function"
    ),
    "test_signatures.py::test_no_args": "GraalPy's own message for an argument to a no-argument function",
    "test_signatures.py::test_text_signatures": TEXT_SIGNATURE,
    # test_soundness.py
    "test_soundness.py::test_panic_payloads_that_panic_when_dropped_are_survived": (
        "only 2 of the 3 panicking drop and traverse calls happen within the test (gc.collect() does not "
        "reach them all; not analysed)"
    ),
    "test_soundness.py::test_payloads_are_aligned_as_their_values_need": NO_PAYLOAD,
    # test_vec2.py
    "test_vec2.py::test_ne_of_subclasses_follows_their_eq": NO_PAYLOAD,
    "test_vec2.py::test_setters_take_borrowed_values": NO_DELETE,
    "test_vec2.py::test_a_new_constructor_builds_the_value_in_new": NO_PAYLOAD,
    "test_vec2.py::test_subclasses_define_their_own_init": NO_PAYLOAD,
    "test_vec2.py::test_init_constructor_signature": TEXT_SIGNATURE,
    "test_vec2.py::test_init_constructor_releases_the_old_fields": NOT_COLLECTED,
}

DEBUG_CRASHES = {
    "test_api_runtime.py::test_released_gil_runs_in_parallel_with_a_python_thread": (
        "the debug mode aborts (SIGABRT) when another thread calls HPy while the GIL is released"
    ),
}
# Making an instance that gets no payload (where the crate raises TypeError in
# universal mode) aborts the debug mode: seen in the first two tests below, the
# others are skipped for the same cause.
NO_PAYLOAD_ABORT = (
    "the debug mode aborts (SIGABRT, no message) making an instance that gets no payload (not analysed)"
)
DEBUG_CRASHES.update(
    dict.fromkeys(
        [
            "test_soundness.py::test_payloads_are_aligned_as_their_values_need",
            "test_classes.py::test_class_methods_receive_the_subclass",
            "test_classes.py::test_python_subclass",
            "test_classes.py::test_python_subclass_of_a_rust_subclass",
            "test_classes.py::test_builtin_shapes",
            "test_classes.py::test_builtin_shape_list",
            "test_classes.py::test_new_refuses_classes_that_are_not_subclasses",
            "test_classes.py::test_new_static_method_of_a_builtin_based_class",
            "test_classes.py::test_variable_sized_builtin_shapes",
            "test_classes.py::test_init_and_reentrant_borrows_raise",
            "test_hygiene.py::test_class_method_and_subclass",
            "test_vec2.py::test_ne_of_subclasses_follows_their_eq",
            "test_vec2.py::test_a_new_constructor_builds_the_value_in_new",
            "test_vec2.py::test_subclasses_define_their_own_init",
            "test_floatarray.py::test_class_and_static_methods_and_subclasses",
        ],
        NO_PAYLOAD_ABORT,
    )
)
DEBUG_BUGS = {}
TRACE_CRASHES = {}
TRACE_BUGS = {
    "test_api_errors.py::test_fatal_error_aborts_the_process": "the trace mode's HPy_FatalError does not abort",
}


def crashes(mode):
    """The tests that end the process in `mode`, by id, with the bug."""
    extra = {"debug": DEBUG_CRASHES, "trace": TRACE_CRASHES}.get(mode, {})
    return {**CRASHES, **extra}


def bugs(mode):
    """The tests that fail in `mode` for a GraalPy bug, by id, with the bug."""
    extra = {"debug": DEBUG_BUGS, "trace": TRACE_BUGS}.get(mode, {})
    return {**BUGS, **extra}
