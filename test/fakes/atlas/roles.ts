/** The six global default roles (contract §6.1). */
const ALL = ['PEOPLE_AND_TEAMS', 'CATEGORIES', 'CATEGORIES_WEB', 'WORK_ORDERS', 'PREVENTIVE_MAINTENANCES', 'ASSETS', 'PARTS_AND_MULTIPARTS', 'PURCHASE_ORDERS', 'METERS', 'VENDORS_AND_CUSTOMERS', 'FILES', 'LOCATIONS', 'SETTINGS', 'REQUESTS', 'ANALYTICS'];
const without = (...xs: string[]) => ALL.filter((p) => !xs.includes(p));

export interface FakeRole {
  id: number;
  roleType: 'ROLE_CLIENT';
  code: string;
  paid: boolean;
  name: string;
  description: null;
  externalId: null;
  createPermissions: string[];
  viewPermissions: string[];
  viewOtherPermissions: string[];
  editOtherPermissions: string[];
  deleteOtherPermissions: string[];
}

function role(id: number, code: string, name: string, paid: boolean, p: [string[], string[], string[], string[], string[]]): FakeRole {
  return {
    id, roleType: 'ROLE_CLIENT', code, paid, name, description: null, externalId: null,
    createPermissions: p[0], viewPermissions: p[1], viewOtherPermissions: p[2], editOtherPermissions: p[3], deleteOtherPermissions: p[4],
  };
}

export const DEFAULT_ROLES: FakeRole[] = [
  role(1, 'ADMIN', 'Administrator', true, [ALL, ALL, ALL, ALL, ALL]),
  role(2, 'LIMITED_ADMIN', 'Limited Administrator', true, [without('PEOPLE_AND_TEAMS', 'REQUESTS'), without('SETTINGS'), ALL, without('PEOPLE_AND_TEAMS'), []]),
  role(3, 'TECHNICIAN', 'Technician', true, [
    ['WORK_ORDERS', 'ASSETS', 'LOCATIONS', 'FILES'],
    ['WORK_ORDERS', 'LOCATIONS', 'ASSETS', 'CATEGORIES', 'PREVENTIVE_MAINTENANCES', 'METERS'],
    ['WORK_ORDERS', 'PARTS_AND_MULTIPARTS', 'LOCATIONS', 'ASSETS'], [], [],
  ]),
  role(4, 'LIMITED_TECHNICIAN', 'Limited Technician', true, [
    ['FILES'], ['WORK_ORDERS', 'CATEGORIES', 'PARTS_AND_MULTIPARTS', 'LOCATIONS', 'ASSETS', 'PREVENTIVE_MAINTENANCES', 'METERS'],
    ['ASSETS', 'PARTS_AND_MULTIPARTS', 'LOCATIONS'], [], [],
  ]),
  role(5, 'VIEW_ONLY', 'View Only', false, [[], without('SETTINGS'), ALL, [], []]),
  role(6, 'REQUESTER', 'Requester', false, [['REQUESTS', 'FILES'], ['REQUESTS', 'CATEGORIES'], [], [], []]),
];

export function roleByCode(code: string): FakeRole {
  const r = DEFAULT_ROLES.find((x) => x.code === code.toUpperCase());
  if (!r) throw new Error(`unknown role code ${code}`);
  return r;
}
