/**
 * A global alignment of two sequences (Needleman-Wunsch) whose leading rows may be skipped for
 * free. Every best alignment is considered at once. For each column, the result lists the rows it
 * pairs with in some best alignment, and whether some best alignment leaves it unpaired.
 */

export interface AlignmentInput {
  rows: number;
  columns: number;
  /** Score of pairing `row` with `column`, or `null` when they cannot pair. */
  score: (row: number, column: number) => number | null;
  /** Cost of leaving a row unpaired (after the free leading rows). */
  rowPenalty: number;
  /** Cost of leaving a column unpaired. */
  columnPenalty: (column: number) => number;
  /** Whether rows before the first paired or skipped column cost nothing. */
  freeLeadingRows: boolean;
}

export interface ColumnAlignment {
  /** Rows that pair with this column in at least one best alignment, ascending. */
  rows: number[];
  /** Whether at least one best alignment leaves this column unpaired. */
  skippable: boolean;
}

export interface Alignment {
  score: number;
  /** Free leading rows of one best alignment (the one that pairs as late as it can). */
  leadingRows: number;
  columns: ColumnAlignment[];
}

/** Aligns in O(rows × columns) time and memory, which suits histories of hundreds of entries. */
export function alignSequences(input: AlignmentInput): Alignment {
  const scores = scoreTable(input);
  const forward = forwardTable(input, scores);
  const backward = backwardTable(input, scores);
  const best = forward[input.rows][input.columns];
  const columns: ColumnAlignment[] = [];
  for (let column = 0; column < input.columns; column++) {
    const rows: number[] = [];
    let skippable = false;
    for (let row = 0; row <= input.rows; row++) {
      const pair = row < input.rows ? scores[row][column] : null;
      if (pair !== null && forward[row][column] + pair + backward[row + 1][column + 1] === best) rows.push(row);
      if (forward[row][column] - input.columnPenalty(column) + backward[row][column + 1] === best) skippable = true;
    }
    columns.push({ rows, skippable });
  }
  return { score: best, leadingRows: leadingRows(input, scores, forward), columns };
}

function scoreTable(input: AlignmentInput): Array<Array<number | null>> {
  return Array.from({ length: input.rows }, (_, row) => Array.from({ length: input.columns }, (_, column) => input.score(row, column)));
}

/** `forward[r][c]`: the best score of aligning the first `r` rows with the first `c` columns. */
function forwardTable(input: AlignmentInput, scores: Array<Array<number | null>>): number[][] {
  const table = Array.from({ length: input.rows + 1 }, () => new Array<number>(input.columns + 1).fill(0));
  for (let row = 1; row <= input.rows; row++) table[row][0] = input.freeLeadingRows ? 0 : -row * input.rowPenalty;
  for (let column = 1; column <= input.columns; column++) table[0][column] = table[0][column - 1] - input.columnPenalty(column - 1);
  for (let row = 1; row <= input.rows; row++) {
    for (let column = 1; column <= input.columns; column++) {
      const pair = scores[row - 1][column - 1];
      table[row][column] = Math.max(
        pair === null ? Number.NEGATIVE_INFINITY : table[row - 1][column - 1] + pair,
        table[row - 1][column] - input.rowPenalty,
        table[row][column - 1] - input.columnPenalty(column - 1),
      );
    }
  }
  return table;
}

/**
 * `backward[r][c]`: the best score of aligning the rows from `r` on with the columns from `c`
 * on. Rows are never free here: it is only consulted after a column has been paired or skipped.
 */
function backwardTable(input: AlignmentInput, scores: Array<Array<number | null>>): number[][] {
  const { rows, columns } = input;
  const table = Array.from({ length: rows + 1 }, () => new Array<number>(columns + 1).fill(0));
  for (let row = rows - 1; row >= 0; row--) table[row][columns] = table[row + 1][columns] - input.rowPenalty;
  for (let column = columns - 1; column >= 0; column--) table[rows][column] = table[rows][column + 1] - input.columnPenalty(column);
  for (let row = rows - 1; row >= 0; row--) {
    for (let column = columns - 1; column >= 0; column--) {
      const pair = scores[row][column];
      table[row][column] = Math.max(
        pair === null ? Number.NEGATIVE_INFINITY : pair + table[row + 1][column + 1],
        table[row + 1][column] - input.rowPenalty,
        table[row][column + 1] - input.columnPenalty(column),
      );
    }
  }
  return table;
}

/** Walks one best alignment back from the end, pairing whenever a pair is best. */
function leadingRows(input: AlignmentInput, scores: Array<Array<number | null>>, forward: number[][]): number {
  let row = input.rows;
  let column = input.columns;
  while (column > 0 && row > 0) {
    const pair = scores[row - 1][column - 1];
    if (pair !== null && forward[row - 1][column - 1] + pair === forward[row][column]) {
      row--;
      column--;
    } else if (forward[row][column - 1] - input.columnPenalty(column - 1) === forward[row][column]) {
      column--;
    } else {
      row--;
    }
  }
  return input.freeLeadingRows ? row : 0;
}
