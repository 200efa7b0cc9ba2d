/**
 * HOW-TO-VERIFY.txt: a short plain-text note at the top of every bundle, for whoever opens it.
 * English only for now: it is read by officers, archivists and forensic staff.
 */
export function howToVerifyText(options: { readonly verifyHtml?: boolean } = {}): string {
  const inBrowser =
    options.verifyHtml === true
      ? `   In a web browser, with no internet needed: open verify.html (in this folder) and choose
   this bundle's .zip file. Or use the "Check an evidence bundle" page (/verify) on the site
   of the organisation that made it.
   Or on a computer with Node.js and Mosaic's source:`
      : `   In a web browser: use the "Check an evidence bundle" page (/verify) on the site of the
   organisation that made it, and choose this bundle's .zip file.
   Or on a computer with Node.js and Mosaic's source:`;
  return `HOW TO CHECK THIS BUNDLE

This folder is a BagIt bag (RFC 8493). It holds a report, the diary entries it was made from,
the evidence files, and proof that each entry and file has not changed since it was saved.

1. Check that no file has changed.
   Any BagIt tool can do this, for example: bagit.py --validate <this folder>
   Or check each line of manifest-sha256.txt with: sha256sum -c manifest-sha256.txt
   (run it inside this folder).

2. Check the proofs with Mosaic's checker. It works offline and sends nothing anywhere.
${inBrowser}
   npm run verify -- <this bundle>.zip
   It prints one line for each entry and each exhibit, then a verdict.

What the checker does:
- It opens each entry's sealed copy (data/proofs/records/<id>/revision-<n>.envelope) with that
  entry's own key (content-key.txt), and checks that the text in data/entries.json is exactly
  what was sealed. The key opens that entry and nothing else.
- It checks each evidence file in data/evidence against the SHA-256 code that was sealed inside
  its evidence entry when the file was saved.
- It checks each receipt (.tlog-proof): that it is for this exact sealed copy, that the entry is
  in the log's Merkle tree, and that the log's key (data/proofs/log.vkey) signed the tree.
- It checks each witness statement as it arrived (data/proofs/witness-statements/<id>/): that
  its opening key opens it to exactly the witness's words in its entry, and that its receipt is
  for those exact bytes. The opening key opens that one statement and nothing else.
- It checks any RFC 3161 time-stamp tokens (.tsr) and any consistency proofs between checkpoints.

Compare the log key's name and fingerprint with the one the organisation publishes on its site.
The full list of checks is in docs/report-and-bundle.md in Mosaic's source.
`;
}
