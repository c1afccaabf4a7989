// The strongest peer a user might reach for instead of the ledger: DuckDB
// (its Node API, @duckdb/node-api, installed by bench/ledger.sh) summing the
// same results file's tokens. Prints the same lines as bench/ledger.sh's
// as_lines: succeeded requests and the token classes, summed over models.
// usage: node bench/duckdb_sum.mjs FILE THREADS
import { DuckDBInstance } from '@duckdb/node-api';

const [file, threads] = process.argv.slice(2);
const instance = await DuckDBInstance.create(':memory:', { threads: threads || '2' });
const connection = await instance.connect();
const usage = "result->'message'->'usage'";
const quoted = "'" + file.replaceAll("'", "''") + "'";
const sql = `
  SELECT count(*) FILTER (WHERE result->>'type' = 'succeeded')::VARCHAR,
         sum((${usage}->>'input_tokens')::BIGINT)::VARCHAR,
         sum(coalesce((${usage}->>'cache_read_input_tokens')::BIGINT, 0))::VARCHAR,
         sum(coalesce((${usage}->>'cache_creation_input_tokens')::BIGINT, 0))::VARCHAR,
         sum((${usage}->>'output_tokens')::BIGINT)::VARCHAR
  FROM read_json(${quoted}, format = 'newline_delimited',
                 columns = {custom_id: 'VARCHAR', result: 'JSON'},
                 maximum_object_size = 67108864)`;
const reader = await connection.runAndReadAll(sql);
const [row] = reader.getRows();
console.log(`succeeded ${row[0]}`);
console.log(`tokens ${row[1]} ${row[2]} ${row[3]} ${row[4]}`);
