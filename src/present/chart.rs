//! Small charts made of characters.

/// Bars of eight heights, one character per value.
pub fn sparkline(values: &[u32]) -> String {
    const BARS: [char; 8] = ['▁', '▂', '▃', '▄', '▅', '▆', '▇', '█'];
    let max = values.iter().copied().max().unwrap_or(0).max(1);
    values
        .iter()
        .map(|v| {
            if *v == 0 {
                ' '
            } else {
                BARS[((*v * 7) / max) as usize]
            }
        })
        .collect()
}
