import { AppError } from '../../src/common/errors';
import { MachineRegistry } from '../../src/workflow/machine-registry';

// The registry keeps every version a stored instance uses, and says so at start (h-versions).
describe('machine registry: versions', () => {
  const registry = new MachineRegistry();

  it('new areas start on area@1; area@2 is registered only to migrate into', () => {
    expect(registry.latest('area').version).toBe(1);
    expect(registry.find('area', 2)?.version).toBe(2);
    // area@3 (h-forms, RULEBOOK §J) is registered for migration; new areas still start on area@1.
    expect(registry.find('area', 3)?.version).toBe(3);
    expect(registry.find('area', 4)).toBeNull();
  });

  it('start-up fails naming every stored version that is not registered', () => {
    expect(() =>
      registry.assertHosts([
        { machineId: 'area', machineVersion: 1 },
        { machineId: 'membership', machineVersion: 2 },
      ]),
    ).not.toThrow();
    let thrown: unknown;
    try {
      registry.assertHosts([
        { machineId: 'area', machineVersion: 1 },
        { machineId: 'area', machineVersion: 9 },
        { machineId: 'gone', machineVersion: 1 },
      ]);
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(AppError);
    expect((thrown as AppError).code).toBe('MACHINE_VERSION_MISSING');
    expect((thrown as AppError).message).toContain('area@9, gone@1');
    expect((thrown as AppError).messageSv).toContain('area@9, gone@1');
  });
});
