import { Column, Entity, JoinColumn, OneToOne, PrimaryColumn, type Relation } from 'typeorm';
import { OrderEntity } from '../../model/entities/model.entity.js';

/** The patient's dose history as it stood when the order was placed (DESIGN.md section 2). */
@Entity({ name: 'order_dose' })
export class OrderDoseEntity {
  @PrimaryColumn({ name: 'order_pk', type: 'bigint' })
  orderPk: string;

  @OneToOne(() => OrderEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'order_pk' })
  order: Relation<OrderEntity>;

  @Column({ name: 'ced_12m_msv', type: 'numeric' }) ced12mMsv: string;
  @Column({ name: 'ced_5y_msv', type: 'numeric' }) ced5yMsv: string;
  @Column({ name: 'ced_all_msv', type: 'numeric' }) cedAllMsv: string;
  @Column({ name: 'prior_ct_12m', type: 'integer' }) priorCt12m: number;
  @Column({ name: 'unknown_dose_12m', type: 'integer' }) unknownDose12m: number;
  @Column({ name: 'unknown_dose_5y', type: 'integer' }) unknownDose5y: number;
  @Column({ name: 'unknown_dose_all', type: 'integer' }) unknownDoseAll: number;
  /** LOW | MODERATE | HIGH */
  @Column({ type: 'text' }) band: string;
  @Column({ name: 'settings_version', type: 'integer' }) settingsVersion: number;
}
