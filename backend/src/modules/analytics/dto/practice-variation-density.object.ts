import { Field, Float, Int, ObjectType, registerEnumType } from '@nestjs/graphql';
import { VariationDimension } from '../../vocabulary/graphql-enums.js';
import {
  FunnelCurvePointObject,
  FunnelMeasure,
  FunnelPosition,
} from './department-variation.object.js';

export enum FunnelVolumeScale {
  LOG = 'LOG',
  LINEAR = 'LINEAR',
}

registerEnumType(FunnelVolumeScale, {
  name: 'FunnelVolumeScale',
  description:
    'How a funnel plot draws volume: LOG when the largest unit has over 20 times the smallest volume',
});

export enum FunnelTone {
  ABOVE = 'ABOVE',
  BELOW = 'BELOW',
}

registerEnumType(FunnelTone, {
  name: 'FunnelTone',
  description: 'Which side of the funnel a unit outside a limit lies on',
});

@ObjectType('FunnelDensityGrid', {
  description:
    "The cells' edges, which are the plot's axes: volume from the first volume edge to the last, rate from 0 to the last rate edge",
})
export class FunnelDensityGridObject {
  @Field(() => FunnelVolumeScale) volumeScale: FunnelVolumeScale;
  @Field(() => [Float], {
    description: 'Ascending; cell column i spans volumeEdges[i] to volumeEdges[i + 1]',
  })
  volumeEdges: number[];
  @Field(() => [Float], {
    description: 'Ascending from 0; cell row j spans rateEdges[j] to rateEdges[j + 1]',
  })
  rateEdges: number[];
}

@ObjectType('FunnelDensityCell', { description: 'Units inside the 95 % limits in one cell' })
export class FunnelDensityCellObject {
  @Field(() => Int) volumeBin: number;
  @Field(() => Int) rateBin: number;
  @Field(() => Int, { description: 'At least 1: empty cells are left out' }) units: number;
}

@ObjectType('FunnelOutsidePoints', {
  description:
    'Every unit outside a 95 % limit, one point per index across these equally long lists (as columns: graphql-js executed 9,600 points about six times faster, in half the bytes, than one object per point)',
})
export class FunnelOutsidePointsObject {
  @Field(() => [String], { description: 'department name, clinician key or indication group' })
  keys: string[];
  @Field(() => [String]) labels: string[];
  @Field(() => [Int]) opportunities: number[];
  @Field(() => [Float]) rates: number[];
  @Field(() => [FunnelTone]) tones: FunnelTone[];
  @Field(() => [FunnelPosition], {
    description: 'Which limit each lies beyond (99.8 % over 95 %)',
  })
  positions: FunnelPosition[];
  @Field(() => [Boolean], {
    description:
      'Above and still standing out after accounting for the number compared (Benjamini–Hochberg)',
  })
  outsideAfterMultiplicity: boolean[];
}

@ObjectType('PracticeVariationDensity', {
  description:
    'The funnel of every unit, compactly: units inside the 95 % limits counted per cell, every unit outside one as a point',
})
export class PracticeVariationDensityObject {
  @Field(() => VariationDimension) by: VariationDimension;
  @Field(() => FunnelMeasure) measure: FunnelMeasure;
  @Field(() => Float, { nullable: true }) targetRate: number | null;
  @Field(() => Int, {
    description: "Units compared: the cells' units and the outside points add up to it",
  })
  compared: number;
  @Field(() => FunnelDensityGridObject) grid: FunnelDensityGridObject;
  @Field(() => [FunnelDensityCellObject]) cells: FunnelDensityCellObject[];
  @Field(() => FunnelOutsidePointsObject) outsidePoints: FunnelOutsidePointsObject;
  @Field(() => [FunnelCurvePointObject]) funnelCurve: FunnelCurvePointObject[];
}
