/**
 * The messages between the extension and the "Merged Filesystem" webview, and the state the
 * webview persists. This module is shared by both sides, so it imports neither `vscode` nor the
 * DOM. Everything that arrives from the webview is untrusted: the extension passes it through the
 * validators below before acting on it.
 */

export const MERGED_FILESYSTEM_VIEW_TYPE = 'layerLens.mergedFilesystem';

/** Entry types as row codes, to keep 200,000-row messages small: `typeNames[code]`. */
export const typeNames = ['file', 'directory', 'symlink', 'hardlink'] as const;
export type TypeCode = 0 | 1 | 2 | 3;

/** Certainties as row codes: `certaintyNames[code]`. */
export const certaintyNames = ['exact', 'estimated', 'unknown'] as const;
export type CertaintyCode = 0 | 1 | 2;

/**
 * The kind of a row: a path of the merged filesystem, a path that a layer deleted, or a
 * directory that no layer wrote but that contains rows of the other two kinds.
 */
export const RowState = { present: 0, deleted: 1, implied: 2 } as const;
export type RowStateCode = (typeof RowState)[keyof typeof RowState];

export type SortOrder = 'name' | 'size';

/** One step of the shown stage's build chain; layer `index` of its stack. */
export interface LayerInfo {
  index: number;
  stage: number;
  /** 1-based first and last line of the instruction in the Dockerfile. */
  line: number;
  endLine: number;
  /** Upper-case keyword (`COPY`). */
  instruction: string;
  /** The instruction as written, continuation lines included. */
  text: string;
  /** True for a metadata-only step, whose layer is empty. */
  emptyLayer: boolean;
  certainty: (typeof certaintyNames)[number];
  /** Known bytes of the files the layer writes. */
  bytes: number;
  /** Entries of the layer whose size is unknown (not counted in `bytes`). */
  unknownSizes: number;
  /** Set when the layer adds or modifies a file of known size, so its 0 bytes are a known lower bound. */
  sizedFile?: true;
  /**
   * The layer's origin when an image is linked, as a short phrase (`from the image`, `predicted`).
   * Absent for a plain prediction. `PanelData.imageName` names the image once.
   */
  source?: string;
  /** Set on a step the build fails on or never reaches: the build never makes its layer. */
  buildStop?: BuildStop;
  /**
   * Words for a layer of a linked image whose history entry records no command, such as the
   * layer of an imported base image, shown in place of `instruction` and `text`.
   */
  plainLabel?: PlainLayerLabel;
}

/** The words that name a layer with no recorded command. */
export interface PlainLayerLabel {
  /** For the Layer column, after the layer's number: `base image`, `image layer`. */
  short: string;
  /** For the layer list and the details, as the Image Layers view labels it: `base layer 1 of 1 (busybox:1)`. */
  text: string;
}

/** The reason a build never makes a step's layer, in the words of the hover and the Image Layers view. */
export interface BuildStop {
  /** A short mark for the layer list: `build fails here`, `not reached`, `not reached · would fail too`. */
  mark: string;
  /** Full sentences for a tooltip: `Not reached: the build stops at step #2 (line 3).` */
  explanation: string;
}

/** A stage that the panel can show. */
export interface StageChoice {
  index: number;
  /** `stage build`, or `stage 1` for a stage without a name. */
  label: string;
  /** True for the target stage. */
  target: boolean;
  /** Set on a stage the builder does not build for the target. */
  notBuilt?: true;
}

/** A lower version of a path, hidden by the row's visible version. */
export interface ShadowedVersion {
  layer: number;
  /** The version's type, set only where it differs from the row's, as for a folder that a file replaced. */
  type?: TypeCode;
  /** Content bytes, `null` when unknown. */
  size: number | null;
  /** Permission bits, `null` when unknown, as in `MergedRows.modes`. */
  mode: number | null;
  uid: number | null;
  gid: number | null;
}

/**
 * The rows of the merged filesystem as of one layer, in columns: row `i` is `names[i]`,
 * `parents[i]`, `types[i]` and so on. A parent row always comes before its children, and a
 * row's path is its parent's path, a `/` and its name. Details that few rows have are listed
 * sparsely by row index.
 */
export interface MergedRows {
  names: string[];
  /** Index of the parent row, -1 for a child of `/`. */
  parents: number[];
  types: TypeCode[];
  /** Content bytes (0 for directories and links), `null` when unknown. */
  sizes: Array<number | null>;
  /** The layer that provides the path; for a deleted row, the layer that deleted it; -1 for an implied directory. */
  layers: number[];
  states: RowStateCode[];
  certainties: CertaintyCode[];
  /** Permission and special bits without the type bits; `null` when unknown or for an implied directory. */
  modes: Array<number | null>;
  /** Owner ids; `null` when unknown (a `--chown` name the prediction cannot map) or for an implied directory. */
  uids: Array<number | null>;
  gids: Array<number | null>;
  /** Lower versions that each listed row's visible version shadows, lowest layer first. */
  shadowed: Array<{ row: number; versions: ShadowedVersion[] }>;
  /**
   * For each deleted row: the layer that wrote the version it deleted, or -1 when no earlier
   * layer lists the path, which only an unread base image or a layer of unknown contents may
   * hold. The type, size, mode and owner of such a row are unknown.
   */
  writtenBy: Array<{ row: number; layer: number }>;
  /**
   * For each deleted row whose `writtenBy` layer is not -1: every layer that wrote a version the
   * deletion hides, lowest first. That is the `writtenBy` layer and the layers whose versions it
   * shadows, as a file that a COPY wrote and a RUN changed before its deletion is in both layers.
   */
  deletedVersions?: Array<{ row: number; layers: number[] }>;
  /** Link targets of symlinks and hard links. */
  linkTargets: Array<{ row: number; target: string }>;
  /** For each deleted directory: what it held just before its deletion. */
  deletedContents?: DeletedContents[];
}

/** The paths below a deleted directory just before the layer that deleted it. */
export interface DeletedContents {
  row: number;
  paths: number;
  /** Known bytes of those paths. */
  bytes: number;
  /** Paths whose size is unknown (not counted in `bytes`). */
  unknownSizes: number;
}

/** The merged filesystem as of layer `asOf` (-1 when the analysis has no layers). */
export interface MergedView {
  asOf: number;
  rows: MergedRows;
}

/** View options that the extension keeps per Dockerfile, so a panel opened again starts with them. */
export interface ViewOptions {
  filter: string;
  sort: SortOrder;
  showDeleted: boolean;
}

/** The data the webview shows; sent whole by `init` and by every `update`. */
export interface PanelData {
  /** The Dockerfile's URI, as `vscode.Uri.toString()` writes it. */
  uri: string;
  fileName: string;
  layers: LayerInfo[];
  view: MergedView;
  /** The number of problems the Problems panel lists for the Dockerfile, so the panel can warn that its data may be incomplete. */
  problemCount: number;
  /** How many of `problemCount` are on the lines of the shown chain's steps or concern the whole build. */
  stageProblemCount: number;
  /** Build context paths that could not be read, which the output channel lists rather than the Problems panel. */
  contextProblemCount: number;
  /** The image linked to the Dockerfile, by reference or path; absent for a plain prediction. */
  imageName?: string;
  /** The stage whose chain `layers` and `view` show. */
  stage: number;
  /** The stages the panel can show, in file order: the target and each stage with steps of its own. */
  stages: StageChoice[];
  /** Set when the build of the shown chain stops before its last step. */
  stopNotice?: StopNotice;
  /**
   * Set while the Dockerfile is closed: the panel shows its last analysis and no longer follows
   * edits until the Dockerfile is opened again. Sentences for people.
   */
  closedNotice?: string;
  /** Set when an edit changed or removed the step of the layer the user picked, so the panel shows the nearest step. */
  pickNotice?: PickNotice;
}

/** The place and reason the build of the shown chain stops, for the line above the panel's tree. */
export interface StopNotice {
  /** The 1-based line of the step that the build fails on or that the builder rejects. */
  line: number;
  /** Sentences for people: `The build stops at line 17. The source "tests/" was not found in the build context.` */
  message: string;
}

/** The step shown in place of a picked step that an edit changed or removed, for the line above the panel's tree. */
export interface PickNotice {
  /** The 1-based line of the step shown. */
  line: number;
  /** Sentences for people, naming the picked step and the step shown. */
  message: string;
}

/** Messages from the extension to the webview. */
export type ExtensionMessage =
  | ({ type: 'init'; options?: ViewOptions } & PanelData)
  | ({ type: 'update' } & PanelData)
  /** The analysis failed or the Dockerfile is gone, and `message` explains what to do. */
  | { type: 'error'; message: string };

/** Messages from the webview to the extension. */
export type WebviewMessage =
  | { type: 'ready' }
  /** Requests the merged filesystem as of another layer. */
  | { type: 'selectLayer'; layer: number }
  /** Requests the top layer of another stage's chain. */
  | { type: 'selectStage'; stage: number }
  /** Opens the source of a merged path (as of `layer`) in the build context. */
  | { type: 'openPath'; path: string; layer: number }
  /** Reveals a 1-based line of the Dockerfile in the editor. */
  | { type: 'revealLine'; line: number }
  | ({ type: 'setView' } & ViewOptions);

/** The view state that the webview stores with `setState` and the serializer receives after a reload. */
export interface PanelState extends ViewOptions {
  uri: string;
  layer: number;
  /** The stage shown, when it is not the target; a layer then counts in that stage's chain. */
  stage?: number;
  /** Paths of the expanded directories. */
  expanded: string[];
  /** Path of the selected row, if any. */
  selected?: string;
}

export type Validation<T> = { ok: true; value: T } | { ok: false; error: string };

/** Upper bounds on untrusted input, far above real use, so a bad message cannot make the extension do heavy work. */
const MAX_PATH_LENGTH = 4096;
const MAX_FILTER_LENGTH = 1024;
const MAX_URI_LENGTH = 8192;
const MAX_EXPANDED = 100_000;
const MAX_INDEX = 1_000_000;

type Fields = Record<string, unknown>;

function fail<T>(error: string): Validation<T> {
  return { ok: false, error };
}

function isRecord(value: unknown): value is Fields {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function isIndex(value: unknown, min = 0): value is number {
  return typeof value === 'number' && Number.isInteger(value) && value >= min && value <= MAX_INDEX;
}

function isText(value: unknown, maxLength: number): value is string {
  return typeof value === 'string' && value.length <= maxLength;
}

function isImagePath(value: unknown): value is string {
  return isText(value, MAX_PATH_LENGTH) && value.startsWith('/') && !value.includes('\0');
}

function isSortOrder(value: unknown): value is SortOrder {
  return value === 'name' || value === 'size';
}

/** Checks the view options of a `setView` message or a persisted state; `undefined` when valid. */
function viewOptionsError(fields: Fields): string | undefined {
  if (!isText(fields.filter, MAX_FILTER_LENGTH)) return `"filter" must be a string of at most ${MAX_FILTER_LENGTH} characters`;
  if (!isSortOrder(fields.sort)) return '"sort" must be "name" or "size"';
  if (typeof fields.showDeleted !== 'boolean') return '"showDeleted" must be true or false';
  return undefined;
}

/** Validates a message received from the webview. */
export function validateWebviewMessage(value: unknown): Validation<WebviewMessage> {
  if (!isRecord(value)) return fail('The message is not an object.');
  switch (value.type) {
    case 'ready':
      return { ok: true, value: { type: 'ready' } };
    case 'selectLayer':
      if (!isIndex(value.layer)) return fail('selectLayer: "layer" must be a non-negative integer.');
      return { ok: true, value: { type: 'selectLayer', layer: value.layer } };
    case 'selectStage':
      if (!isIndex(value.stage)) return fail('selectStage: "stage" must be a non-negative integer.');
      return { ok: true, value: { type: 'selectStage', stage: value.stage } };
    case 'openPath':
      if (!isImagePath(value.path)) return fail(`openPath: "path" must be an absolute image path of at most ${MAX_PATH_LENGTH} characters.`);
      if (!isIndex(value.layer)) return fail('openPath: "layer" must be a non-negative integer.');
      return { ok: true, value: { type: 'openPath', path: value.path, layer: value.layer } };
    case 'revealLine':
      if (!isIndex(value.line, 1)) return fail('revealLine: "line" must be a positive integer.');
      return { ok: true, value: { type: 'revealLine', line: value.line } };
    case 'setView': {
      const error = viewOptionsError(value);
      if (error) return fail(`setView: ${error}.`);
      return { ok: true, value: { type: 'setView', filter: value.filter as string, sort: value.sort as SortOrder, showDeleted: value.showDeleted as boolean } };
    }
    default:
      return fail(`Unknown message type ${JSON.stringify(String(value.type)).slice(0, 80)}.`);
  }
}

/** Validates the state that a webview stored and the serializer hands back after a reload. */
export function validatePanelState(value: unknown): Validation<PanelState> {
  if (!isRecord(value)) return fail('The panel state is not an object.');
  if (!isText(value.uri, MAX_URI_LENGTH) || value.uri === '') return fail('The panel state has no Dockerfile URI.');
  if (!isIndex(value.layer, -1)) return fail('The panel state\'s "layer" must be an integer of -1 or more.');
  if (value.stage !== undefined && !isIndex(value.stage)) return fail('The panel state\'s "stage" must be a non-negative integer.');
  const error = viewOptionsError(value);
  if (error) return fail(`The panel state's ${error}.`);
  if (!Array.isArray(value.expanded) || value.expanded.length > MAX_EXPANDED || !value.expanded.every(isImagePath)) {
    return fail(`The panel state's "expanded" must be a list of at most ${MAX_EXPANDED} absolute paths.`);
  }
  if (value.selected !== undefined && !isImagePath(value.selected)) return fail('The panel state\'s "selected" must be an absolute path.');
  const state: PanelState = {
    uri: value.uri,
    layer: value.layer,
    filter: value.filter as string,
    sort: value.sort as SortOrder,
    showDeleted: value.showDeleted as boolean,
    expanded: value.expanded as string[],
  };
  if (value.stage !== undefined) state.stage = value.stage;
  if (value.selected !== undefined) state.selected = value.selected;
  return { ok: true, value: state };
}
