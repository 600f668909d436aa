import type { IconLayerProps } from '@deck.gl/layers';
import type { IconSet } from './types';

/**
 * The props every mask-icon layer shares. deck.gl takes a canvas where it takes an image (its `image`
 * prop type uploads it), though the type names only a URL or a Texture.
 */
export function iconProps(icons: IconSet) {
  return {
    iconAtlas: icons.atlas as unknown as IconLayerProps['iconAtlas'],
    iconMapping: icons.mapping,
    sizeUnits: 'pixels' as const,
    billboard: true,
  };
}
