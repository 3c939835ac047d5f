//! Test extension: the macros' hygiene. The crate has no prelude, the `hpy`
//! dependency is renamed (`renamed_hpy`), and local items shadow the names
//! generated code could reach by a relative path (`hpy`, `core`, `std`,
//! `Result`, `Option`, `Ok`, `Some`, ...): the expansion compiles only if
//! it names everything by absolute path and uses the `crate` option.
//! (Names starting with `__hpy` are the generated code's own.)

#![no_implicit_prelude]
#![allow(dead_code, non_camel_case_types, clippy::disallowed_names)]

/// Shadowing names, also inside the module (generated code lands in both).
macro_rules! shadow {
    () => {
        mod hpy {}
        mod core {}
        mod std {}
        mod alloc {}
        struct Result;
        struct Option;
        struct Ok;
        struct Err;
        struct Some;
        struct None;
        struct Box;
        struct Vec;
        struct String;
        struct Default;
        struct Clone;
        struct Drop;
        struct Send;
        struct Sync;
        struct Sized;
        struct Into;
        struct From;
        struct FnOnce;
        struct AsRef;
        struct ToString;
        struct HPyResult;
        struct Handle;
        struct Ctx;
    };
}

shadow!();

/// A module whose every item goes through the renamed crate.
#[::renamed_hpy::hpy_module(crate = "renamed_hpy")]
mod hygiene {
    shadow!();

    use ::renamed_hpy::Field;
    use ::std::cell::Cell;

    static REMEMBERED: ::renamed_hpy::Global = ::renamed_hpy::Global::new();

    /// Adds with defaults, `*args` and `**kwargs`.
    #[::renamed_hpy::hpy_function(crate = "renamed_hpy", signature = (a, b = 2, *rest, scale = 1, **extra))]
    fn add(
        a: i64,
        b: i64,
        rest: ::renamed_hpy::Tuple<'_>,
        scale: i64,
        extra: ::core::option::Option<::renamed_hpy::Dict<'_>>,
    ) -> ::renamed_hpy::HPyResult<i64> {
        let extra = match extra {
            ::core::option::Option::Some(extra) => extra.len()? as i64,
            ::core::option::Option::None => 0,
        };
        ::core::result::Result::Ok((a + b + rest.len()? as i64 + extra) * scale)
    }

    /// Fails with the module's exception when `fail` is true.
    #[::renamed_hpy::hpy_function(crate = "renamed_hpy")]
    fn check(ctx: ::renamed_hpy::Ctx<'_>, fail: bool) -> ::renamed_hpy::HPyResult<::renamed_hpy::Handle<'_>> {
        if fail {
            return ::core::result::Result::Err(HygieneError::new_err("failed"));
        }
        ::core::result::Result::Ok(ctx.none().dup())
    }

    /// Keeps an object in a global; gives back the kept one.
    #[::renamed_hpy::hpy_function(crate = "renamed_hpy")]
    fn remember<'ctx>(
        obj: &::renamed_hpy::Handle<'ctx>,
    ) -> ::core::option::Option<::renamed_hpy::Handle<'ctx>> {
        let previous = REMEMBERED.load(obj.ctx());
        REMEMBERED.store(obj);
        previous
    }

    /// An exception type.
    #[::renamed_hpy::hpy_exception(crate = "renamed_hpy", base = ::renamed_hpy::exceptions::ValueError)]
    pub struct HygieneError;

    /// Objects held in `Field`s, traversed through the derived `Traverse`.
    #[derive(::renamed_hpy::Traverse)]
    #[hpy(crate = "renamed_hpy")]
    pub struct Held {
        first: Field,
        count: usize,
    }

    /// A counter with slots, accessors and an object held for the GC.
    #[::renamed_hpy::hpy_type(crate = "renamed_hpy", subclass)]
    pub struct Counter {
        #[hpy(get, set)]
        step: Cell<i64>,
        value: Cell<i64>,
        held: Held,
    }

    #[::renamed_hpy::hpy_methods(crate = "renamed_hpy")]
    impl Counter {
        #[new]
        #[hpy(signature = (start = 0, step = 1))]
        fn new(start: i64, step: i64) -> Self {
            Counter {
                step: Cell::new(step),
                value: Cell::new(start),
                held: Held { first: Field::new(), count: 0 },
            }
        }

        /// Advances by the step; gives the new value.
        fn advance(&self) -> i64 {
            self.value.set(self.value.get() + self.step.get());
            self.value.get()
        }

        #[getter]
        fn value(&self) -> i64 {
            self.value.get()
        }

        #[setter]
        fn set_value(&self, value: i64) {
            self.value.set(value);
        }

        #[staticmethod]
        fn zero() -> Counter {
            Counter::new(0, 1)
        }

        #[classmethod]
        fn starting_at<'ctx>(
            cls: &::renamed_hpy::Handle<'ctx>,
            start: i64,
        ) -> ::renamed_hpy::HPyResult<::renamed_hpy::Handle<'ctx>> {
            cls.call((start,))
        }

        #[classattr]
        #[allow(non_snake_case)]
        fn KIND() -> &'static str {
            "counter"
        }

        /// Holds `obj` in a `Field`.
        fn hold(
            slf: &::renamed_hpy::Instance<'_, Self>,
            obj: &::renamed_hpy::Handle<'_>,
        ) -> ::renamed_hpy::HPyResult<()> {
            slf.borrow()?.held.first.store(slf, ::core::option::Option::Some(obj));
            ::core::result::Result::Ok(())
        }

        fn held<'ctx>(
            slf: &::renamed_hpy::Instance<'ctx, Self>,
        ) -> ::renamed_hpy::HPyResult<::core::option::Option<::renamed_hpy::Handle<'ctx>>> {
            ::core::result::Result::Ok(slf.borrow()?.held.first.load(slf))
        }

        fn __repr__(&self) -> ::std::string::String {
            ::std::format!("Counter({})", self.value.get())
        }

        fn __eq__(&self, other: &Counter) -> bool {
            self.value.get() == other.value.get()
        }

        fn __lt__(&self, other: &Counter) -> bool {
            self.value.get() < other.value.get()
        }

        fn __hash__(&self) -> u64 {
            self.value.get() as u64
        }

        fn __add__(&self, other: i64) -> Counter {
            Counter::new(self.value.get() + other, self.step.get())
        }

        fn __len__(&self) -> usize {
            self.value.get().unsigned_abs() as usize
        }

        fn __getitem__(&self, index: i64) -> ::renamed_hpy::HPyResult<i64> {
            if index < 0 {
                return ::core::result::Result::Err(::renamed_hpy::exceptions::IndexError::new_err(
                    "negative",
                ));
            }
            ::core::result::Result::Ok(self.value.get() * index)
        }

        fn __bool__(&self) -> bool {
            self.value.get() != 0
        }

        fn __call__(&self, times: i64) -> i64 {
            self.value.get() * times
        }

        /// Returns an alias of `HPyResult<()>` (beside the shadowing
        /// `Result`): the object itself.
        fn __iadd__(&self, more: i64) -> Done {
            self.value.set(self.value.get() + more);
            ::core::result::Result::Ok(())
        }
    }

    /// Nothing, as an in-place operator returns it.
    type Done = ::renamed_hpy::HPyResult<()>;

    /// Parameters named like the generated code's locals (`__hpy_a0` and
    /// `__hpy_a1` hold the arguments there, `__hpy_ctx` the context):
    /// hygiene keeps them apart.
    #[::renamed_hpy::hpy_function(
        crate = "renamed_hpy",
        signature = (__hpy_a0, __hpy_a1 = 7, *__hpy_varargs, __hpy_ctx = 0, __hpy_result = 0)
    )]
    fn reserved(
        __hpy_a0: i64,
        __hpy_a1: i64,
        __hpy_varargs: ::std::vec::Vec<i64>,
        __hpy_ctx: i64,
        __hpy_result: i64,
    ) -> i64 {
        __hpy_a0 + __hpy_a1 + __hpy_varargs.len() as i64 + __hpy_ctx + __hpy_result
    }

    /// Runs when the module is executed.
    #[hpy(exec)]
    fn setup(module: &::renamed_hpy::Module<'_, '_>) -> ::renamed_hpy::HPyResult<()> {
        module.add("ANSWER", 42)
    }
}
