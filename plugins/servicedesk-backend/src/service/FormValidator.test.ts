import { FormValidator } from './FormValidator';

const schema = {
  type: 'object',
  required: ['item', 'deliveryLocation'],
  properties: {
    item: { type: 'string', enum: ['laptop', 'monitor'] },
    quantity: { type: 'integer', minimum: 1, maximum: 10, default: 1 },
    deliveryLocation: { type: 'string' },
    owners: { type: 'array', items: { type: 'string', format: 'email' } },
  },
};

describe('FormValidator', () => {
  const forms = new FormValidator();

  it('fills the defaults of the schema', () => {
    expect(forms.validate(schema, { item: 'laptop', deliveryLocation: 'Lyon' })).toEqual({
      item: 'laptop',
      deliveryLocation: 'Lyon',
      quantity: 1,
    });
  });

  it.each([
    [{ item: 'laptop' }, /^formData\.deliveryLocation: /],
    [{ item: 'phone', deliveryLocation: 'Lyon' }, /^formData\.item: must be equal to one of the allowed values/],
    [{ item: 'laptop', deliveryLocation: 'Lyon', quantity: 11 }, /^formData\.quantity: must be <= 10/],
    [{ item: 'laptop', deliveryLocation: 'Lyon', owners: ['not-an-email'] }, /^formData\.owners\.0: must match format "email"/],
  ])('names the wrong field: %j', (data, message) => {
    expect(() => forms.validate(schema, data)).toThrow(message);
  });

  it('refuses a schema that is not JSON schema', () => {
    expect(() => forms.compile({ type: 'object', properties: { a: { type: 'nonsense' } } })).toThrow(/^formSchema: /);
  });
});
