import { readFile } from 'node:fs/promises';
import { validateXML } from 'xmllint-wasm';

const SCHEMA_FILE = 'CAP-v1.2.xsd';
let schema: Promise<string> | null = null;

export interface SchemaProblem {
  /** Line in the document, when libxml2 gave one. */
  line: number | null;
  message: string;
  /** libxml2 could not even parse it (not well-formed), as opposed to parsed but not CAP. */
  malformed: boolean;
}

/**
 * Validates a document against the official OASIS CAP 1.2 schema (shipped in `./schema/`) with
 * libxml2 compiled to WebAssembly. It runs in a worker over an in-memory file system holding only
 * the document and the schema, with `--nonet`: whatever the document says, nothing is fetched or
 * read. Callers refuse DOCTYPEs before this, so entities never reach it either.
 *
 * @returns the problems, empty when the document is valid CAP 1.2.
 */
export async function validateCapSchema(xml: string): Promise<SchemaProblem[]> {
  schema ??= readFile(new URL(`./schema/${SCHEMA_FILE}`, import.meta.url), 'utf8');
  const result = await validateXML({
    xml: [{ fileName: 'alert.xml', contents: xml }],
    schema: [{ fileName: SCHEMA_FILE, contents: await schema }],
    modifyArguments: (args) => ['--nonet', ...args],
  });
  if (result.valid) return [];
  const problems = result.errors
    .filter((e) => !/fails to validate$/.test(e.message))
    .map((e) => ({
      line: e.loc?.lineNumber ?? null,
      // Element names come as {namespace}name; the namespace is always CAP's, so it is noise.
      message: e.message.replace(/\{urn:oasis:names:tc:emergency:cap:1\.2\}/g, '').trim(),
      malformed: /parser error/.test(e.message),
    }));
  return problems.length > 0
    ? problems
    : [{ line: null, message: result.rawOutput.trim() || 'not valid CAP 1.2', malformed: false }];
}
