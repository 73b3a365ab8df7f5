import { Injectable } from '@nestjs/common';
import { openScratchDatabase } from '../../database/scratch-database.js';
import { runEvaluationBattery, type BatteryResult } from './evaluation-battery.js';

/** The fixed battery of generated hospitals, each scored in a fresh database on one server. */
@Injectable()
export class EvaluationBatteryService {
  /**
   * `serverUrl`: the database in use (its server gets the battery's databases, named
   * `<database>_battery_<n>` and dropped after scoring).
   */
  run(options: {
    readonly serverUrl: string;
    readonly timeZone: string;
    readonly onResult?: (result: BatteryResult) => void;
  }): Promise<BatteryResult[]> {
    const prefix = new URL(options.serverUrl).pathname.slice(1).replace(/[^a-z0-9_]/gi, '_');
    return runEvaluationBattery({
      openDatabase: (index) =>
        openScratchDatabase(options.serverUrl, `${prefix}_battery_${index + 1}`, options.timeZone),
      onResult: options.onResult,
    });
  }
}
