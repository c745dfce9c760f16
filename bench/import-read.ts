/**
 * Child process of the cli-memory bench: reads one file the way the Team import does
 * (`readImportFile`: streamed from a Blob, validated, checked, hashed) and exits 1 if it is
 * rejected. Node's Blob stands in for the browser's File.
 */
import { openAsBlob } from 'node:fs';
import { readImportFile } from '../lib/storage/imports';

const path = process.argv[2];
const read = await readImportFile({ fileName: path, file: await openAsBlob(path) });
if (!read.ok) {
  console.error(read.problems.slice(0, 5));
  process.exitCode = 1;
} else {
  console.log(`${read.timeline.conversations.length} conversations, ${read.fileId}`);
}
