// Python reads members and Fields at any time, and a frozen class never
// changes: none of them can be borrowed mutably, even with the Fields
// inside a type of ours.
use hpy::prelude::*;
use std::cell::Cell;

#[hpy_type]
pub struct WithMember {
    #[hpy(member)]
    x: Cell<f64>,
}

#[hpy_methods]
impl WithMember {
    fn reset(&mut self) {
        self.x.set(0.0);
    }
}

#[hpy_type]
pub struct WithField {
    child: Field,
}

#[hpy_function]
fn replace_child(holder: &mut WithField) {
    holder.child = Field::new();
}

#[derive(Traverse)]
pub struct Branches {
    left: Field,
}

#[hpy_type]
pub struct Tree {
    branches: Branches,
}

#[hpy_methods]
impl Tree {
    fn prune(&mut self) {
        self.branches = Branches { left: Field::new() };
    }
}

fn take_branches(tree: &Instance<'_, Tree>) -> HPyResult<()> {
    let _ = tree.borrow_mut()?;
    Ok(())
}

#[hpy_type(frozen)]
pub struct Frozen {
    #[hpy(get, set)]
    value: i64,
}

fn main() {}
