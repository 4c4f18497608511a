//! A layered (Sugiyama-style) layout for the alignment map: nodes sit in
//! columns by layer (goal → objectives → initiatives), edges that skip a
//! layer get invisible dummy nodes, barycenter sweeps reorder each column to
//! reduce crossings, and positions within a column are placed as close to
//! their neighbours as the spacing allows (isotonic regression).
//!
//! Why our own and not a crate: the maps are small (a map is split per goal
//! and per objective before it grows unreadable), the layers are given by
//! the kinds, not discovered, and the result must be byte-identical on every
//! machine. The layout crates we looked at (layout-rs, the Graphviz-like
//! one) draw their own SVG with their own fonts and styles, pull in more
//! than they save here, and do not let a node be a link with a status
//! colour; this is about 250 lines with tests.

/// A graph to lay out: each node's layer and edges from a lower layer to a
/// higher one (others are ignored by the layout).
#[derive(Debug, Clone, Default)]
pub(crate) struct Layered {
    pub layers: Vec<usize>,
    pub edges: Vec<(usize, usize)>,
}

/// Where everything went: the centre line (`y`) of each real node, the
/// order of each layer, and per edge the `(layer, y)` points it passes
/// through (its source, any dummies, its target).
#[derive(Debug, Clone, Default)]
pub(crate) struct Placement {
    pub y: Vec<f64>,
    pub order: Vec<Vec<usize>>,
    pub routes: Vec<Vec<(usize, f64)>>,
    pub height: f64,
    /// Edge crossings left; only the tests read it.
    #[cfg_attr(not(test), allow(dead_code))]
    pub crossings: usize,
}

/// Barycenter sweeps (down then up) tried before keeping the best order.
const SWEEPS: usize = 12;

/// Lays out `g`; real nodes are `pitch` apart in a column, dummy nodes
/// (edge bends) `dummy_pitch`.
pub(crate) fn layout(g: &Layered, pitch: f64, dummy_pitch: f64) -> Placement {
    let n = g.layers.len();
    let depth = g.layers.iter().copied().max().map_or(0, |m| m + 1);
    // Nodes 0..n are real, n.. are dummies; each has a layer.
    let mut layer_of: Vec<usize> = g.layers.clone();
    let mut down: Vec<Vec<usize>> = vec![Vec::new(); n];
    let mut up: Vec<Vec<usize>> = vec![Vec::new(); n];
    let mut chains: Vec<Vec<usize>> = Vec::with_capacity(g.edges.len());
    for &(from, to) in &g.edges {
        let (lf, lt) = (g.layers[from], g.layers[to]);
        if lf >= lt {
            chains.push(Vec::new());
            continue;
        }
        let mut chain = vec![from];
        for l in lf + 1..lt {
            let id = layer_of.len();
            layer_of.push(l);
            down.push(Vec::new());
            up.push(Vec::new());
            chain.push(id);
        }
        chain.push(to);
        for w in chain.windows(2) {
            down[w[0]].push(w[1]);
            up[w[1]].push(w[0]);
        }
        chains.push(chain);
    }
    // First order: real nodes as given (the model order), each dummy right
    // after the node its chain comes from, so a first sweep starts sensibly.
    let mut order: Vec<Vec<usize>> = vec![Vec::new(); depth];
    for (v, &l) in layer_of.iter().enumerate() {
        order[l].push(v);
    }
    let mut pos = positions(&order, layer_of.len());
    let mut best = order.clone();
    let mut best_crossings = crossings(&order, &down, &pos);
    for sweep in 0..SWEEPS {
        if best_crossings == 0 {
            break;
        }
        let downward = sweep % 2 == 0;
        let layers = sweep_order(depth, downward);
        for l in layers {
            let neighbours = if downward { &up } else { &down };
            let mut keyed: Vec<(f64, usize, usize)> = order[l]
                .iter()
                .map(|&v| {
                    let ns = &neighbours[v];
                    let key = if ns.is_empty() {
                        pos[v] as f64
                    } else {
                        ns.iter().map(|&u| pos[u] as f64).sum::<f64>() / ns.len() as f64
                    };
                    (key, pos[v], v)
                })
                .collect();
            keyed.sort_by(|a, b| a.0.total_cmp(&b.0).then(a.1.cmp(&b.1)));
            order[l] = keyed.into_iter().map(|(_, _, v)| v).collect();
            for (i, &v) in order[l].iter().enumerate() {
                pos[v] = i;
            }
        }
        let c = crossings(&order, &down, &pos);
        if c < best_crossings {
            best_crossings = c;
            best = order.clone();
        }
    }
    let order = best;
    // Positions: each column starts stacked, then moves towards the
    // neighbours of the column before (down) and after (up).
    let sep = |v: usize| if v < n { pitch } else { dummy_pitch };
    let mut y = vec![0.0; layer_of.len()];
    for column in &order {
        let mut at = 0.0;
        for (i, &v) in column.iter().enumerate() {
            if i > 0 {
                at += (sep(column[i - 1]) + sep(v)) / 2.0;
            }
            y[v] = at;
        }
    }
    for pass in 0..4 {
        let downward = pass % 2 == 0;
        let layers = sweep_order(depth, downward);
        for l in layers {
            let neighbours = if downward { &up } else { &down };
            let wanted: Vec<f64> = order[l]
                .iter()
                .map(|&v| {
                    let ns = &neighbours[v];
                    if ns.is_empty() {
                        y[v]
                    } else {
                        ns.iter().map(|&u| y[u]).sum::<f64>() / ns.len() as f64
                    }
                })
                .collect();
            let gaps: Vec<f64> = order[l]
                .windows(2)
                .map(|w| (sep(w[0]) + sep(w[1])) / 2.0)
                .collect();
            let placed = spaced(&wanted, &gaps);
            for (&v, p) in order[l].iter().zip(placed) {
                y[v] = p;
            }
        }
    }
    // Shift everything so the topmost node's box starts at 0.
    let top = (0..layer_of.len())
        .map(|v| y[v] - sep(v) / 2.0)
        .fold(f64::INFINITY, f64::min);
    let top = if top.is_finite() { top } else { 0.0 };
    for v in y.iter_mut() {
        *v -= top;
    }
    let height = (0..layer_of.len())
        .map(|v| y[v] + sep(v) / 2.0)
        .fold(0.0, f64::max);
    let routes = chains
        .iter()
        .map(|chain| chain.iter().map(|&v| (layer_of[v], y[v])).collect())
        .collect();
    Placement {
        y: y[..n].to_vec(),
        order: order
            .iter()
            .map(|c| c.iter().copied().filter(|&v| v < n).collect())
            .collect(),
        routes,
        height,
        crossings: best_crossings,
    }
}

fn positions(order: &[Vec<usize>], count: usize) -> Vec<usize> {
    let mut pos = vec![0; count];
    for column in order {
        for (i, &v) in column.iter().enumerate() {
            pos[v] = i;
        }
    }
    pos
}

/// Edge crossings between neighbouring layers: the inversions of the
/// targets' positions once edges are sorted by their sources' positions
/// (counted with a Fenwick tree, so large maps stay fast).
fn crossings(order: &[Vec<usize>], down: &[Vec<usize>], pos: &[usize]) -> usize {
    let mut total = 0;
    for l in 0..order.len().saturating_sub(1) {
        let mut edges: Vec<(usize, usize)> = order[l]
            .iter()
            .flat_map(|&u| down[u].iter().map(move |&v| (pos[u], pos[v])))
            .collect();
        edges.sort_unstable();
        let width = order[l + 1].len() + 1;
        let mut tree = vec![0usize; width + 1];
        for (seen, &(_, b)) in edges.iter().enumerate() {
            // Edges already seen whose target is right of b cross this one.
            let mut i = b + 1;
            let mut not_greater = 0;
            while i > 0 {
                not_greater += tree[i];
                i &= i - 1;
            }
            total += seen - not_greater;
            let mut i = b + 1;
            while i <= width {
                tree[i] += 1;
                i += i & i.wrapping_neg();
            }
        }
    }
    total
}

/// Positions as close as possible (least squares) to `wanted`, keeping the
/// given order and at least `gaps[i]` between neighbours `i` and `i + 1`:
/// pool-adjacent-violators on the positions minus their minimal offsets.
fn spaced(wanted: &[f64], gaps: &[f64]) -> Vec<f64> {
    let mut offset = Vec::with_capacity(wanted.len());
    let mut at = 0.0;
    for i in 0..wanted.len() {
        if i > 0 {
            at += gaps[i - 1];
        }
        offset.push(at);
    }
    // Blocks of (sum, count) whose mean is non-decreasing.
    let mut blocks: Vec<(f64, usize)> = Vec::new();
    for (w, o) in wanted.iter().zip(&offset) {
        blocks.push((w - o, 1));
        while blocks.len() > 1 {
            let (s2, c2) = blocks[blocks.len() - 1];
            let (s1, c1) = blocks[blocks.len() - 2];
            if s1 / c1 as f64 <= s2 / c2 as f64 {
                break;
            }
            blocks.pop();
            let last = blocks.len() - 1;
            blocks[last] = (s1 + s2, c1 + c2);
        }
    }
    let mut out = Vec::with_capacity(wanted.len());
    for (sum, count) in blocks {
        let mean = sum / count as f64;
        for _ in 0..count {
            out.push(mean + offset[out.len()]);
        }
    }
    out
}

/// The layers one sweep reorders: downward from the second layer (each
/// ordered by the one above), upward from the second-last.
fn sweep_order(depth: usize, downward: bool) -> Vec<usize> {
    if downward {
        (1..depth).collect()
    } else {
        (0..depth.saturating_sub(1)).rev().collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn crossings_of(g: &Layered) -> usize {
        layout(g, 40.0, 10.0).crossings
    }

    #[test]
    fn sweeps_untangle_a_crossed_pair() {
        // Goal 0 has objective 3, goal 1 has objective 2: crossed as given.
        let g = Layered {
            layers: vec![0, 0, 1, 1],
            edges: vec![(0, 3), (1, 2)],
        };
        let p = layout(&g, 40.0, 10.0);
        assert_eq!(p.crossings, 0);
        assert!(p.y[3] < p.y[2], "objective 3 moves up next to goal 0");
    }

    #[test]
    fn long_edges_bend_through_dummies_and_keep_spacing() {
        let g = Layered {
            layers: vec![0, 1, 2, 2],
            edges: vec![(0, 1), (1, 2), (0, 3)],
        };
        let p = layout(&g, 40.0, 10.0);
        assert_eq!(p.routes[2].len(), 3, "goal → dummy → initiative");
        assert!((p.y[2] - p.y[3]).abs() >= 40.0 - 1e-9);
        assert_eq!(crossings_of(&g), 0);
    }

    #[test]
    fn a_complete_bipartite_layer_has_its_unavoidable_crossings_only() {
        // K(2,2) has exactly one unavoidable crossing.
        let g = Layered {
            layers: vec![0, 0, 1, 1],
            edges: vec![(0, 2), (0, 3), (1, 2), (1, 3)],
        };
        assert_eq!(crossings_of(&g), 1);
    }

    #[test]
    fn spacing_is_least_squares_under_the_gaps() {
        assert_eq!(spaced(&[0.0, 0.0], &[10.0]), vec![-5.0, 5.0]);
        assert_eq!(spaced(&[0.0, 50.0], &[10.0]), vec![0.0, 50.0]);
        assert_eq!(spaced(&[], &[]), Vec::<f64>::new());
    }

    #[test]
    fn a_thousand_nodes_lay_out_quickly_and_without_overlap() {
        let mut layers = vec![0; 10];
        layers.extend(std::iter::repeat_n(1, 300));
        layers.extend(std::iter::repeat_n(2, 700));
        let mut edges = Vec::new();
        for o in 0..300 {
            edges.push(((o * 7) % 10, 10 + o));
        }
        for i in 0..700 {
            edges.push((10 + (i * 13) % 300, 310 + i));
        }
        let g = Layered { layers, edges };
        let started = std::time::Instant::now();
        let p = layout(&g, 40.0, 10.0);
        assert!(started.elapsed().as_secs_f64() < 2.0);
        for column in &p.order {
            for w in column.windows(2) {
                assert!(p.y[w[1]] - p.y[w[0]] >= 40.0 - 1e-6);
            }
        }
    }
}
