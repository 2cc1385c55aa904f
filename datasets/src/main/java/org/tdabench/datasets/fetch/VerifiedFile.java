package org.tdabench.datasets.fetch;

import java.nio.file.Path;

/**
 * A local source file whose checksums were checked.
 *
 * @param fileName the source file's canonical name
 * @param path where it is (in the download cache, or the user's own copy)
 * @param bytes its size
 * @param sha256 its SHA-256 (always computed, even where upstream only publishes an MD5)
 * @param md5 its MD5
 * @param verifiedAgainst what it was checked against, e.g. "pinned sha256", "pinned md5", "pinned
 *     content sha256", "first use (nothing published)" or "recorded sha256 (first use on ...)"
 * @param provenance who published the pinned checksums
 * @param origin where the copy came from (a URL or a local path)
 */
public record VerifiedFile(
    String fileName,
    Path path,
    long bytes,
    String sha256,
    String md5,
    String verifiedAgainst,
    String provenance,
    String origin) {}
