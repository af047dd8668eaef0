package io.github.drydock.union;

import io.github.drydock.model.FileEntry;
import io.github.drydock.model.FileType;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.function.Function;

/** Depth-first, pre-order, lazily merging one folder at a time. */
final class Walker implements Iterator<FileEntry> {
    private final Deque<Iterator<MergedChild>> levels = new ArrayDeque<>();
    private final Function<MergedChild, List<MergedChild>> children;
    private MergedChild first;

    Walker(MergedChild first, Function<MergedChild, List<MergedChild>> children) {
        this.first = first;
        this.children = children;
    }

    @Override
    public boolean hasNext() {
        if (first != null) {
            return true;
        }
        while (!levels.isEmpty() && !levels.peek().hasNext()) {
            levels.pop();
        }
        return !levels.isEmpty();
    }

    @Override
    public FileEntry next() {
        if (!hasNext()) {
            throw new NoSuchElementException();
        }
        MergedChild next;
        if (first != null) {
            next = first;
            first = null;
        } else {
            next = levels.peek().next();
        }
        if (next.entry().type() == FileType.DIR) {
            levels.push(children.apply(next).iterator());
        }
        return next.entry();
    }
}
