//! Test extension: Rust classes, each concept in its own file.

mod aligned;
mod bombs;
mod constructors;
mod inherit;
mod misc;
mod node;
mod number;
mod point;
mod vec2;
mod vector;

use hpy::prelude::*;

/// Classes written in Rust.
#[hpy_module]
mod classes {
    use hpy::prelude::*;

    #[hpy(export)]
    use super::aligned::Aligned;
    #[hpy(export)]
    use super::bombs::{DropBomb, TraverseBomb, panic_with_bomb};
    #[hpy(export)]
    use super::constructors::{Flexible, Holder, Vec3};
    #[hpy(export)]
    use super::inherit::{Animal, Celsius, CountedInt, Dog, Pair, Stack, TaggedInt, Text};
    #[hpy(export)]
    use super::misc::{Constant, Counter, Members, Ticket, Version};
    #[hpy(export)]
    use super::node::{Node, Tree};
    #[hpy(export)]
    use super::number::Number;
    #[hpy(export)]
    use super::point::Point;
    #[hpy(export)]
    use super::vec2::{Loose, Vec2};
    #[hpy(export)]
    use super::vector::{Matrix, Vector};

    /// An error defined in Rust.
    #[hpy_exception(base = hpy::exceptions::ValueError)]
    pub struct MyError;

    /// A more specific one.
    #[hpy_exception(base = MyError)]
    pub struct SubError;

    static REMEMBERED: Global = Global::new();

    /// `Global` under another name: the module lists its statics by type.
    type Keeper = hpy::Global;
    static KEPT: Keeper = Keeper::new();

    /// Keeps an object in a global declared through a type alias.
    #[hpy_function]
    fn keep(obj: &Handle<'_>) {
        KEPT.store(obj);
    }

    /// The object kept by `keep`, if any.
    #[hpy_function]
    fn kept(ctx: Ctx<'_>) -> Option<Handle<'_>> {
        KEPT.load(ctx)
    }

    /// Stores `obj` in a global no module lists (made with `Box::leak`):
    /// HPy requires every global to be listed, so this panics.
    #[hpy_function]
    fn store_in_unlisted_global(obj: &Handle<'_>) {
        let global: &'static Global = Box::leak(Box::new(Global::new()));
        global.store(obj);
    }

    /// Raises MyError or SubError.
    #[hpy_function]
    fn fail(specific: bool) -> HPyResult<()> {
        if specific { Err(SubError::new_err("sub")) } else { Err(MyError::new_err("base")) }
    }

    /// Keeps an object across calls.
    #[hpy_function]
    fn remember(obj: &Handle<'_>) {
        REMEMBERED.store(obj);
    }

    /// The object kept by `remember`, if any.
    #[hpy_function]
    fn recall(ctx: Ctx<'_>) -> Option<Handle<'_>> {
        REMEMBERED.load(ctx)
    }

    /// The distance between two points: class instances by reference.
    #[hpy_function]
    fn distance(a: &super::point::Point, b: &super::point::Point) -> f64 {
        (a - b).0
    }

    /// Scales a point in place (its coordinates are `Cell`s).
    #[hpy_function]
    fn scale_point(point: &super::point::Point, k: f64) {
        point.scale(k);
    }

    /// Sets a counter: a class instance by mutable reference.
    #[hpy_function]
    fn reset_counter(counter: &mut super::misc::Counter, value: i64) {
        counter.count = value;
    }

    /// A new point, returned by value.
    #[hpy_function]
    fn make_point(x: f64, y: f64) -> super::point::Point {
        super::point::Point::at(x, y)
    }

    /// The x of a point, through a typed handle.
    #[hpy_function]
    fn point_x(point: Instance<'_, super::point::Point>) -> HPyResult<f64> {
        Ok(point.borrow()?.x())
    }

    /// Ticket `number`: the only way to get one.
    #[hpy_function]
    fn issue_ticket(number: u32) -> super::misc::Ticket {
        super::misc::Ticket::issue(number)
    }

    /// How many payloads of classes on int/tuple are live.
    #[hpy_function]
    fn live_detached_payloads() -> usize {
        hpy::impl_::live_detached_payloads()
    }

    /// How many panic payloads that panic when dropped went off.
    #[hpy_function]
    fn bombs_exploded() -> usize {
        super::bombs::exploded()
    }

    /// How many Trees were dropped so far.
    #[hpy_function]
    fn trees_dropped() -> usize {
        super::node::trees_dropped()
    }

    /// How many Nodes were dropped and finalized so far.
    #[hpy_function]
    fn node_counters() -> (usize, usize) {
        super::node::counters()
    }
}
