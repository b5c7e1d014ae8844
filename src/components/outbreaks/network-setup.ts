/** The presets of `sir-network` the network widget offers: the lesson's networks, all with ⟨k⟩ = 4. */
export const NETWORK_PRESETS = ['random-4', 'scale-free', 'lattice', 'smallworld'] as const;
export type NetworkPreset = (typeof NETWORK_PRESETS)[number];
