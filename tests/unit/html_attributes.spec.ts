import { test } from '@japa/runner'
import { htmlAttributes } from '#presenters/html_attributes'

test.group('HTML attributes for the views', () => {
  test('a value holding quotes and markup stays inside its attribute', ({ assert }) => {
    assert.equal(
      htmlAttributes({ value: `9"><button formaction="/x">提交</button><x y='` }),
      'value="9&quot;&gt;&lt;button formaction=&quot;/x&quot;&gt;提交&lt;/button&gt;&lt;x y=&#39;"'
    )
  })

  test('true writes the bare attribute; false, null, undefined and an empty text leave it out; 0 is written', ({
    assert,
  }) => {
    assert.equal(
      htmlAttributes({
        required: true,
        selected: false,
        hidden: null,
        accept: undefined,
        placeholder: '',
        value: 0,
        class: ['a', 'b&c'],
      }),
      'required value="0" class="a b&amp;c"'
    )
  })

  test('an attribute name that is not a plain name is refused', ({ assert }) => {
    assert.throws(() => htmlAttributes({ 'x onload': 'y' }), /Invalid HTML attribute name/)
  })
})
