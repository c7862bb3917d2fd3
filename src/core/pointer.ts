/** JSON Pointers (RFC 6901): how positions and provenance name a value. */

export type Pointer = string;

export const escapeSegment = (s: string): string => s.replaceAll("~", "~0").replaceAll("/", "~1");
export const unescapeSegment = (s: string): string => s.replaceAll("~1", "/").replaceAll("~0", "~");

export const childPointer = (parent: Pointer, segment: string | number): Pointer =>
  `${parent}/${escapeSegment(String(segment))}`;

export function parentPointer(pointer: Pointer): Pointer | undefined {
  if (pointer === "") return undefined;
  return pointer.slice(0, pointer.lastIndexOf("/"));
}

export function lastSegment(pointer: Pointer): string {
  return unescapeSegment(pointer.slice(pointer.lastIndexOf("/") + 1));
}

export function segments(pointer: Pointer): string[] {
  return pointer === "" ? [] : pointer.slice(1).split("/").map(unescapeSegment);
}

/** A human path: `credentials.password`, `custom_enum_maps["leases/status"]`, `slots[0]`. */
export function displayPath(pointer: Pointer): string {
  let out = "";
  for (const seg of segments(pointer)) {
    if (/^\d+$/.test(seg)) out += `[${seg}]`;
    else if (/^[A-Za-z_$][\w$-]*$/.test(seg)) out += out ? `.${seg}` : seg;
    else out += `[${JSON.stringify(seg)}]`;
  }
  return out || "(top level)";
}
