/**
 * The contact network of a packing and its rattlers. A rattler is a disk with fewer than d + 1 = 3
 * contacts: it cannot be held in place and carries no force in the rigid network, so it is removed
 * (and then its neighbours counted again, as removing it may leave them with too few). What remains
 * is the network whose contacts are counted against the isostatic number d(N′ − 1) + 1 of a
 * periodic packing (Goodrich, Liu & Nagel, PRL 109, 095704 (2012), doi:10.1103/PhysRevLett.109.095704).
 */
import type { Packing } from './packing.ts';

export interface ContactNetwork {
  /** Contacting pairs (i, j) and the force between them. */
  readonly i: Int32Array;
  readonly j: Int32Array;
  readonly force: Float64Array;
  /** 1 for rattlers. */
  readonly rattler: Uint8Array;
  /** Disks that are not rattlers, N′. */
  readonly backbone: number;
  /** Contacts between non-rattlers. */
  readonly contacts: number;
  /** Mean contact number of the non-rattlers, Z = 2·contacts / N′ (0 when N′ = 0). */
  readonly z: number;
}

const D = 2;

/** Evaluates the forces once more and returns the contact network with rattlers removed. */
export function contactNetwork(p: Packing): ContactNetwork {
  p.computeForces(true);
  const pi = Array.from(p.contactI.subarray(0, p.contactCount));
  const pj = Array.from(p.contactJ.subarray(0, p.contactCount));
  const pf = Array.from(p.contactForce.subarray(0, p.contactCount));
  const n = p.n;
  const degree = new Int32Array(n);
  for (let k = 0; k < pi.length; k++) {
    degree[pi[k]!]!++;
    degree[pj[k]!]!++;
  }
  const rattler = new Uint8Array(n);
  // Peel away disks with fewer than d + 1 contacts until none is left.
  let changed = true;
  while (changed) {
    changed = false;
    for (let a = 0; a < n; a++) {
      if (rattler[a] || (degree[a] as number) >= D + 1) continue;
      rattler[a] = 1;
      changed = true;
      for (let k = 0; k < pi.length; k++) {
        const i = pi[k]!;
        const j = pj[k]!;
        if (i === a && !rattler[j]) degree[j]!--;
        else if (j === a && !rattler[i]) degree[i]!--;
      }
    }
  }
  let contacts = 0;
  for (let k = 0; k < pi.length; k++) if (!rattler[pi[k]!] && !rattler[pj[k]!]) contacts++;
  let backbone = 0;
  for (let a = 0; a < n; a++) if (!rattler[a]) backbone++;
  return {
    i: Int32Array.from(pi), j: Int32Array.from(pj), force: Float64Array.from(pf), rattler, backbone, contacts,
    z: backbone > 0 ? (2 * contacts) / backbone : 0,
  };
}

/** The isostatic contact count of a periodic packing of N′ disks in d = 2: d(N′ − 1) + 1. */
export function isostaticContacts(backbone: number): number {
  return D * (backbone - 1) + 1;
}
