import { readFile } from 'node:fs/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../src/open.js';
import { createTestDatabase, testEngine } from '../src/testing.js';

/**
 * schema.prisma and the migrations are written by hand (Prisma's schema engine cannot be fetched
 * here), so this test is what keeps them in step: every model is a table, every scalar field a
 * column of the matching type and nullability, every @id/@unique/@@index an index, and the
 * database has no column the schema does not know.
 */
interface Field {
  model: string;
  table: string;
  column: string;
  type: string;
  optional: boolean;
  list: boolean;
}

const PRISMA_TO_PG: Record<string, string> = {
  String: 'text',
  Int: 'integer',
  Float: 'double precision',
  Boolean: 'boolean',
  DateTime: 'timestamp with time zone',
  BigInt: 'bigint',
  Json: 'jsonb',
  Bytes: 'bytea',
};

function parseSchema(text: string) {
  const models: Array<{
    name: string;
    table: string;
    fields: Field[];
    indexes: string[][];
    uniques: string[][];
  }> = [];
  for (const block of text.matchAll(/^model (\w+) \{([\s\S]*?)^\}/gm)) {
    const [, name = '', body = ''] = block;
    const table = /@@map\("(\w+)"\)/.exec(body)?.[1] ?? name;
    const fields: Field[] = [];
    const columnOf = new Map<string, string>();
    const indexes: string[][] = [];
    const uniques: string[][] = [];
    for (const raw of body.split('\n')) {
      const line = raw.replace(/\/\/.*$/, '').trim();
      if (!line) continue;
      const att = /^@@(index|unique|id)\(\[([^\]]+)\]/.exec(line);
      if (att) {
        const cols = (att[2] ?? '').split(',').map((s) => s.trim());
        (att[1] === 'index' ? indexes : uniques).push(cols);
        continue;
      }
      const m = /^(\w+)\s+(Unsupported\("([^"]+)"\)|\w+)(\?|\[\])?(.*)$/.exec(line);
      if (!m) continue;
      const [, fieldName = '', typeToken = '', unsupported, modifier, rest = ''] = m;
      const baseType = unsupported ? 'USER-DEFINED' : typeToken;
      if (!unsupported && !(typeToken in PRISMA_TO_PG)) continue; // a relation field
      const column = /@map\("(\w+)"\)/.exec(rest)?.[1] ?? fieldName;
      columnOf.set(fieldName, column);
      if (/@id\b|@unique\b/.test(rest)) uniques.push([fieldName]);
      fields.push({
        model: name,
        table,
        column,
        type: unsupported ? (unsupported.match(/^(\w+)/)?.[1] ?? '') : (PRISMA_TO_PG[baseType] ?? ''),
        optional: modifier === '?',
        list: modifier === '[]',
      });
    }
    const toColumns = (list: string[][]) => list.map((cols) => cols.map((c) => columnOf.get(c) ?? c));
    models.push({ name, table, fields, indexes: toColumns(indexes), uniques: toColumns(uniques) });
  }
  return models;
}

describe(`schema.prisma agrees with the migrated ${testEngine} database`, () => {
  let db: Database;
  let models: ReturnType<typeof parseSchema>;
  beforeAll(async () => {
    db = await createTestDatabase();
    models = parseSchema(await readFile(new URL('../schema.prisma', import.meta.url), 'utf8'));
  });
  afterAll(() => db?.close());

  it('has a table for every model and no unmodelled table', async () => {
    const tables = await db.sql.query<{ table_name: string }>(
      `SELECT table_name FROM information_schema.tables
        WHERE table_schema = 'public' AND table_type = 'BASE TABLE'
          AND table_name NOT IN ('_prisma_migrations', 'spatial_ref_sys')`,
    );
    expect(tables.map((t) => t.table_name).sort()).toEqual(models.map((m) => m.table).sort());
  });

  it('has every field as a column of the same type and nullability, and nothing more', async () => {
    const columns = await db.sql.query<{
      table_name: string;
      column_name: string;
      data_type: string;
      udt_name: string;
      is_nullable: string;
    }>(
      `SELECT c.table_name, c.column_name, c.data_type, c.udt_name, c.is_nullable
         FROM information_schema.columns c
         JOIN information_schema.tables t ON t.table_schema = c.table_schema AND t.table_name = c.table_name
        WHERE c.table_schema = 'public' AND t.table_type = 'BASE TABLE'
          AND c.table_name NOT IN ('_prisma_migrations', 'spatial_ref_sys')`,
    );
    const actual = columns
      .map((c) => ({
        table: c.table_name,
        column: c.column_name,
        type:
          c.data_type === 'ARRAY'
            ? PRISMA_TO_PG[{ _text: 'String' }[c.udt_name] ?? '']
            : c.data_type === 'USER-DEFINED'
              ? c.udt_name
              : c.data_type,
        list: c.data_type === 'ARRAY',
        // Prisma lists are NOT NULL-less arrays; nullability of a list column is not modelled.
        optional: c.data_type === 'ARRAY' ? false : c.is_nullable === 'YES',
      }))
      .sort((a, b) => `${a.table}.${a.column}`.localeCompare(`${b.table}.${b.column}`));
    const expected = models
      .flatMap((m) => m.fields)
      .map((f) => ({ table: f.table, column: f.column, type: f.type, list: f.list, optional: f.optional }))
      .sort((a, b) => `${a.table}.${a.column}`.localeCompare(`${b.table}.${b.column}`));
    expect(actual).toEqual(expected);
  });

  it('declares the geometry types and SRIDs the schema names', async () => {
    const geometry = await db.sql.query<{ t: string; c: string; type: string; srid: number }>(
      'SELECT f_table_name AS t, f_geometry_column AS c, type, srid FROM geometry_columns',
    );
    const text = await readFile(new URL('../schema.prisma', import.meta.url), 'utf8');
    const declared = [...text.matchAll(/Unsupported\("geometry\((\w+), (\d+)\)"\)/g)].map(
      (m) => `${m[1]}/${m[2]}`,
    );
    expect(geometry.map((g) => `${g.type}/${g.srid}`).sort()).toEqual(
      declared.map((d) => d.toUpperCase()).sort(),
    );
    // Every geometry column is spatially indexed.
    const gist = await db.sql.query<{ t: string; def: string }>(
      `SELECT tablename AS t, indexdef AS def FROM pg_indexes WHERE schemaname = 'public' AND indexdef LIKE '%USING gist%'`,
    );
    for (const g of geometry) {
      expect(
        gist.some((i) => i.t === g.t && i.def.includes(`(${g.c})`)),
        `${g.t}.${g.c} has a GiST index`,
      ).toBe(true);
    }
  });

  it('has the unique keys and indexes the schema declares', async () => {
    const indexes = await db.sql.query<{ t: string; def: string }>(
      `SELECT tablename AS t, indexdef AS def FROM pg_indexes WHERE schemaname = 'public'`,
    );
    for (const m of models) {
      for (const [kind, list] of [
        ['UNIQUE', m.uniques],
        ['', m.indexes],
      ] as const) {
        for (const cols of list) {
          const pattern = `(${cols.map((c) => c).join(', ')})`;
          const found = indexes.some(
            (i) =>
              i.t === m.table &&
              i.def.replaceAll('"', '').endsWith(pattern) &&
              (!kind || i.def.includes(kind)),
          );
          expect(found, `${m.table} ${kind || 'INDEX'} ${pattern}`).toBe(true);
        }
      }
    }
  });
});
