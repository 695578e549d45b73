package org.hostr.jobs;

import java.util.List;

/** One page of jobs, newest first. Pages count from 1. */
public record JobPage(List<Job> jobs, int page, int pageSize, long total) {
    public int pages() {
        return (int) Math.max(1, (total + pageSize - 1) / pageSize);
    }
}
