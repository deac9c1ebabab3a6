import { describe, expect, it } from 'vitest';
import { checkPasswordPolicy } from './auth.service.js';

describe('password policy', () => {
  it.each([
    ['short1!', /не короче 10/],
    ['qwertyuiop', /слишком простой/],
    ['Password1234', /слишком простой/],
    ['йцукенгшщз', /слишком простой/],
    ['фывапролдж', /слишком простой/],
    ['0987654321', /слишком простой/],
    ['aaaaaaaaaaaa', /слишком простой/],
    ['Uchitel2026!', /слишком простой/],
    ['ivanova-2026-лето', /логин/],
  ])('refuses %s', (password, message) => {
    expect(checkPasswordPolicy(password, 'ivanova')).toMatch(message);
  });

  it.each(['Зелёный-кит-на-крыше', 'tq8#Lm2vXr9w', 'Перм2026край!Осень'])('accepts %s', (password) => {
    expect(checkPasswordPolicy(password, 'ivanova')).toBeNull();
  });
});
