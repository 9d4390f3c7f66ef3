/// Frames kept for reuse by the evaluations of one thread.
///
/// An evaluation needs a frame (its root values and lambda slots). Allocating one per evaluation was
/// the largest single source of allocations in an audit (three a rule a subject: the frame and its
/// arrays); a worker that evaluates many rules makes one scratch and passes it to every evaluation, so
/// the frames and their arrays are allocated once per worker. Not `Sendable`: one per thread.
public final class EvaluationScratch {
    /// Frames not in use. An evaluation takes one and gives it back when it returns; nested or
    /// concurrent uses on this thread (a tracing pass beside the fast one) take another.
    private var idle: [Frame] = []

    public init() {}

    /// A fresh frame holding `roots`' values and `slots` cleared slots.
    func take(slots: Int) -> Frame {
        guard let frame = idle.popLast() else { return Frame(roots: [], slots: slots) }
        frame.reset(slots: slots)
        return frame
    }

    /// Returns a frame taken with `take(slots:)`.
    func give(back frame: Frame) {
        idle.append(frame)
    }
}
