"""The workload: sleds sliding down a bumpy board, integrated with the
classical fourth-order Runge-Kutta method, one small array per step.

This is the computation of piconumpy's benchmark (written anew here): the
state of a sled is an array `[x, y, u, v]` (position and velocity), the
board's height is `h(x, y) = -a x - b cos(p x) cos(q y)` (a slope with
bumps), and the sled feels gravity along the surface and a friction
proportional to its speed. Each Runge-Kutta step calls the derivative four
times, each call reads four elements and builds one array, and the step
combines the results with about twenty array operations (`a + b`, `a * k`,
`k * a`, `a / k`), so the time goes to small operations called from a
Python loop: the calls into the extension, not the arithmetic inside it.

Every function takes the array module `mod` (anything with `array`,
`empty` and `zeros`), so the same code drives each implementation.
"""

import random
from math import cos, pi, sin

GRAVITY = 9.81
FRICTION = 0.5
SLOPE = 0.25  # a
BUMPS = 0.5  # b
P = 2 * pi / 10.0  # wave number of the bumps along x
Q = 2 * pi / 4.0  # ... and along y
TIME_STEP = 0.01


def derivative(mod, state):
    """d[x, y, u, v]/dt for a sled on the board."""
    x = state[0]
    y = state[1]
    u = state[2]
    v = state[3]
    cos_px, sin_px = cos(P * x), sin(P * x)
    cos_qy, sin_qy = cos(Q * y), sin(Q * y)
    h_x = -SLOPE + BUMPS * P * sin_px * cos_qy
    h_y = BUMPS * Q * cos_px * sin_qy
    h_xx = BUMPS * P * P * cos_px * cos_qy
    h_yy = BUMPS * Q * Q * cos_px * cos_qy
    h_xy = -BUMPS * P * Q * sin_px * sin_qy
    # The normal force per unit mass, which keeps the sled on the surface.
    normal = (GRAVITY + h_xx * u * u + 2 * h_xy * u * v + h_yy * v * v) / (1 + h_x * h_x + h_y * h_y)
    return mod.array([u, v, -normal * h_x - FRICTION * u, -normal * h_y - FRICTION * v])


def runge_kutta_step(mod, state, dt):
    """One step of the classical Runge-Kutta method."""
    k1 = derivative(mod, state) * dt
    k2 = derivative(mod, state + k1 / 2) * dt
    k3 = derivative(mod, state + k2 / 2) * dt
    k4 = derivative(mod, state + k3) * dt
    return state + (k1 + 2 * k2 + 2 * k3 + k4) / 6


def initial_conditions(mod, sleds, seed):
    """The sleds start on the line x = 0 at random heights, all launched
    with the same speed along x."""
    rng = random.Random(seed)
    x = mod.zeros(sleds)
    y = mod.empty(sleds)
    u = mod.zeros(sleds)
    v = mod.zeros(sleds)
    for i in range(sleds):
        y[i] = rng.normalvariate(0.0, 1.0)
        u[i] += 3.5
    return x, y, u, v


def slide(mod, sleds, steps, seed=0):
    """Integrates `sleds` sleds over `steps` steps; returns their final
    states as lists."""
    x, y, u, v = initial_conditions(mod, sleds, seed)
    finals = []
    for k in range(len(x)):
        state = mod.array([x[k], y[k], u[k], v[k]])
        for _ in range(steps):
            state = runge_kutta_step(mod, state, TIME_STEP)
        finals.append(state.tolist())
    return finals
