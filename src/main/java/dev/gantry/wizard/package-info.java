/** UI-free wizard steps: question, explanation, default, choices, validator; flow with back/next. */
package dev.gantry.wizard;
