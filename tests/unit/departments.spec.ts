import { test } from '@japa/runner'
import { mayChangeCatalogItem, mayEditCatalog, mayRecordApproval } from '#domain/departments'

const ENVIRONMENT = 7
const WATER = 9
const bureau = { role: 'regulator', departmentId: ENVIRONMENT, catalogOffice: false }
const office = { role: 'regulator', departmentId: 1, catalogOffice: true }

test.group('Departments: rights go by department id', () => {
  test('the environment bureau records the approval of its own items only, whatever it is called', ({
    assert,
  }) => {
    assert.isTrue(mayRecordApproval(bureau, ENVIRONMENT))
    assert.isFalse(mayRecordApproval(bureau, WATER))
    // The catalog office keeps the catalog but does not approve projects.
    assert.isFalse(mayRecordApproval(office, ENVIRONMENT))
    assert.isFalse(mayRecordApproval({ ...bureau, role: 'admin' }, ENVIRONMENT))
    assert.isFalse(mayRecordApproval({ ...bureau, departmentId: null }, null))
  })

  test("the bureau changes its own items; the catalog office changes anyone's; nobody else", ({
    assert,
  }) => {
    assert.isTrue(mayChangeCatalogItem(bureau, ENVIRONMENT))
    assert.isFalse(mayChangeCatalogItem(bureau, WATER))
    assert.isTrue(mayChangeCatalogItem(office, WATER))
    assert.isFalse(
      mayChangeCatalogItem({ role: 'owner', departmentId: null, catalogOffice: false }, WATER)
    )
    assert.isFalse(mayChangeCatalogItem({ ...office, departmentId: null }, WATER))
    assert.isTrue(mayEditCatalog(bureau))
    assert.isFalse(mayEditCatalog({ ...bureau, departmentId: null }))
  })
})
